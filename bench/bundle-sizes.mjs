// Sizes of the self-contained bundle's basic sign-in and of its "floor". The basic sign-in comes in two stages:
// the bundle itself (Lit, the element, its English texts; it draws the form) and the Amplify chunk it starts
// fetching at once (Amplify with the adapter). The floor is split the same way: a bundle of Lit's LitElement
// alone, and a bundle of the Amplify values the adapter imports, each built with the same rollup settings. What
// any element built on those and loaded in two stages costs; the difference is the element's own cost. Used by
// the size budget test and the benchmarks.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { selfContainedOutput, selfContainedPlugins } from '../rollup.config.mjs';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

/** The one module that imports Amplify; the floor imports what it imports. */
export const adapterModule = 'src/amplify-auth-adapter.ts';

/** The name the Amplify chunk's file starts with (`dist/chunks/amplify-auth-adapter-<hash>.js`). */
export const amplifyChunkName = 'amplify-auth-adapter';

/** The self-contained bundle `npm run build` writes. */
export const bundleFile = 'dist/custom-auth-login.js';

/** Where the bundle's language chunks are written; a page fetches at most one of them. */
export const localesDir = 'dist/locales';

/**
 * The built language chunks (paths relative to the repository root), sorted; the bundle must have been built.
 * @returns {string[]}
 */
export function localeChunkFiles() {
  return readdirSync(repoRoot + localesDir)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => `${localesDir}/${name}`);
}

/** Where the bundle's capability chunks are written (sign-up, …); only elements using a capability fetch its. */
export const chunksDir = 'dist/chunks';

/**
 * The built capability chunks whose name starts with one of `names` (paths relative to the repository root),
 * sorted; the bundle must have been built.
 * @param {string[]} names
 * @returns {string[]}
 */
export function capabilityChunkFiles(...names) {
  return readdirSync(repoRoot + chunksDir)
    .filter((name) => name.endsWith('.js') && names.some((prefix) => name.startsWith(`${prefix}-`)))
    .sort()
    .map((name) => `${chunksDir}/${name}`);
}

/**
 * Byte counts of `code` as served: raw, gzip at level 9 and brotli at quality 11.
 * @param {string | Uint8Array} code
 * @returns {{ raw: number, gzip: number, brotli: number }}
 */
export function compressedSizes(code) {
  const bytes = Buffer.from(code);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * Re-exports of every value a module imports from packages, e.g. `export { signIn } from 'aws-amplify/auth';`.
 * Type-only imports are left out: they cost nothing.
 * @param {string} source TypeScript source
 */
export function packageImportsOf(source) {
  const lines = [];
  for (const [, clause, from] of source.matchAll(/^import\s+(?!type\s)([\s\S]*?)\s+from\s+'([^']+)';/gm)) {
    if (from.startsWith('.')) continue;
    const named = /\{([^}]*)\}/.exec(clause)?.[1] ?? '';
    const values = named
      .split(',')
      .map((specifier) => specifier.trim())
      .filter((specifier) => specifier && !specifier.startsWith('type '));
    const defaultName = /^([A-Za-z_$][\w$]*)/.exec(clause)?.[1];
    if (defaultName) values.push(`default as ${defaultName}`);
    if (values.length > 0) lines.push(`export { ${values.join(', ')} } from '${from}';`);
  }
  return lines.join('\n');
}

/** The floor's two entries: LitElement (the first stage), and what the adapter imports from packages. */
export function floorEntries() {
  const adapterImports = packageImportsOf(readFileSync(repoRoot + adapterModule, 'utf8'));
  if (!/aws-amplify/.test(adapterImports)) throw new Error(`found no Amplify import in ${adapterModule}`);
  return { lit: "export { LitElement } from 'lit';", amplify: adapterImports };
}

/**
 * The files of the basic sign-in as a page fetches them (paths relative to the repository root): the bundle,
 * then its Amplify chunk; the bundle must have been built.
 * @returns {[string, string]}
 */
export function basicSignInFiles() {
  const [amplify, ...more] = capabilityChunkFiles(amplifyChunkName);
  if (!amplify || more.length > 0) throw new Error(`expected one ${amplifyChunkName} chunk in ${chunksDir}`);
  return [bundleFile, amplify];
}

/** The sum of each size of `parts`. */
export function added(...parts) {
  return {
    raw: parts.reduce((sum, part) => sum + part.raw, 0),
    gzip: parts.reduce((sum, part) => sum + part.gzip, 0),
    brotli: parts.reduce((sum, part) => sum + part.brotli, 0),
  };
}

/** The floor's two stages built in memory, and their sizes: `lit`, `amplify` and `total`. */
export async function measureFloor() {
  const { lit, amplify } = floorEntries();
  const sizes = { lit: compressedSizes(await buildFloor(lit)), amplify: compressedSizes(await buildFloor(amplify)) };
  return { ...sizes, total: added(sizes.lit, sizes.amplify) };
}

/**
 * Builds the floor bundle in memory with the self-contained build's own plugins and output settings.
 * @returns {Promise<string>} its code
 */
export async function buildFloor(entry) {
  const entryId = `${repoRoot}floor-entry.js`;
  const virtualEntry = {
    name: 'floor-entry',
    resolveId: (id) => (id === entryId ? id : null),
    load: (id) => (id === entryId ? entry : null),
  };
  const bundle = await rollup({ input: entryId, plugins: [virtualEntry, ...selfContainedPlugins()], onwarn: () => {} });
  try {
    const { output } = await bundle.generate(selfContainedOutput);
    return output[0].code;
  } finally {
    await bundle.close();
  }
}

/**
 * The language a chunk holds, from its file name (`dist/locales/de-<hash>.js` → `de`).
 * @param {string} path
 */
export function languageOfChunk(path) {
  return path.slice(path.lastIndexOf('/') + 1).split('-')[0];
}

/**
 * Sizes of the built basic sign-in (`first`: the bundle, `amplify`: its Amplify chunk, `full`: both), of the
 * floor (both stages) and of each language chunk; the bundle must have been built.
 */
export async function measureBundleSizes() {
  const [first, amplify] = basicSignInFiles().map((path) => compressedSizes(readFileSync(repoRoot + path)));
  const full = added(first, amplify);
  const floor = (await measureFloor()).total;
  const locales = Object.fromEntries(
    localeChunkFiles().map((path) => [path, compressedSizes(readFileSync(repoRoot + path))]),
  );
  const element = { gzip: full.gzip - floor.gzip, brotli: full.brotli - floor.brotli };
  return { first, amplify, full, floor, element, locales };
}
