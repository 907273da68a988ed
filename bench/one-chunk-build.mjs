// The baseline the two-stage benchmark compares with: the self-contained bundle as it was before it came in two
// stages, built from the same sources. Only the element's default adapter differs: Amplify's adapter, imported
// statically, so Amplify is inside the bundle and the element waits for nothing (the lazy adapter's `pending`
// does not exist, so the element behaves as it did then). Language and capability chunks stay as they are.
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';
import rollupConfig, { selfContainedOutput, selfContainedPlugins } from '../rollup.config.mjs';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const lazyAdapter = `${repoRoot}src/lazy-auth-adapter.ts`;
const amplifyAdapter = `${repoRoot}src/amplify-auth-adapter.ts`;

/** Swaps the lazy adapter for Amplify's own, under the lazy adapter's export name. */
function amplifyAdapterInside() {
  const stand = '\0one-chunk-adapter';
  return {
    name: 'amplify-adapter-inside',
    async resolveId(source, importer, options) {
      if (!importer || !source.endsWith('lazy-auth-adapter.js')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === lazyAdapter ? stand : resolved;
    },
    load(id) {
      return id === stand
        ? `export { amplifyAuthAdapter as lazyAuthAdapter } from ${JSON.stringify(amplifyAdapter)};`
        : null;
    },
  };
}

/**
 * Builds the one-chunk bundle into `dir` (its chunks beside it, as `npm run build` writes dist/).
 * @param {string} dir
 */
export async function buildOneChunk(dir) {
  const bundle = await rollup({
    input: rollupConfig.input,
    preserveEntrySignatures: rollupConfig.preserveEntrySignatures,
    plugins: [amplifyAdapterInside(), ...selfContainedPlugins()],
    onwarn: () => {},
  });
  try {
    await bundle.write({ ...selfContainedOutput, dir });
  } finally {
    await bundle.close();
  }
}
