// Builds dist/custom-auth-login.js: one self-contained, minified ES module (Lit and Amplify inside) that a page
// can load with a plain <script type="module">, plus its language chunks in dist/locales/.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import minifyTemplates from './scripts/rollup-minify-templates.mjs';

/**
 * Takes Lit's core from its "node" builds. They are the browser builds plus a guard: where `document` and
 * `HTMLElement` are missing they fall back instead of throwing while loading, so a server (server-side
 * rendering) can import the bundle; in a browser they behave exactly like the browser builds. The fallback
 * they import, Lit's DOM shim, would add 3 KB of dead weight to every page, so the bundle gets a stand-in
 * with just what loading needs: a base class, and no registry (the tag is then simply not registered).
 * `is-server.js` stays the browser build: its node build says `isServer = true`.
 */
function litServerSafeBuilds() {
  const litCore = /^(lit-html|@lit\/reactive-element)(\/|$)/;
  const domShim = '@lit-labs/ssr-dom-shim';
  const domStandIn = '\0lit-dom-stand-in';
  return {
    name: 'lit-server-safe-builds',
    resolveId(source) {
      if (source === domShim) return domStandIn;
      if (!litCore.test(source) || source.endsWith('/is-server.js')) return null;
      // Resolved from this file with Node's own conditions ("node", "import"); Lit is hoisted, so the
      // importer does not matter.
      return fileURLToPath(import.meta.resolve(source));
    },
    load(id) {
      return id === domStandIn ? 'export class HTMLElement {}\nexport const customElements = undefined;\n' : null;
    },
  };
}

/**
 * In the self-contained bundle, `Amplify` from `aws-amplify` becomes Amplify's core singleton. The `aws-amplify`
 * facade exists so that one configuration is shared with the rest of an app, and it wires the identity pool
 * credentials provider into every configure: some 1.6 KB gzip that a script-tag page never uses, because no code
 * but the element's can reach the bundle's Amplify and the element configures a user pool only. The core singleton
 * has the same `configure` and `getConfig` and publishes the same global context that `aws-amplify/auth` reads.
 * The bundler build (`lib/`) keeps the facade, so an app's own `Amplify.configure` and the element's meet.
 */
function amplifyCoreInBundle() {
  return {
    name: 'amplify-core-in-bundle',
    async resolveId(source, importer, options) {
      // Our imports only (the adapter's, and the size floor's copy of them); Amplify's packages keep theirs.
      if (source !== 'aws-amplify' || !importer || importer.includes('/node_modules/')) return null;
      return this.resolve('@aws-amplify/core', importer, { ...options, skipSelf: true });
    },
  };
}

/**
 * In the self-contained bundle, Amplify's `configure` takes its configuration as it is. Amplify's own parser
 * first looks at the keys and translates the two file formats an app may hand it (a Gen 1 `aws-exports.js`, a
 * Gen 2 `amplify_outputs.json`) into its resource configuration; those two translators are some 2.7 KB gzip. In
 * this bundle Amplify is the element's alone (see `amplifyCoreInBundle`), and the adapter only ever configures it
 * with a resource configuration it built itself, extending the one `getConfig()` returned, so the translators
 * would never run. The bundler build (`lib/`) keeps the parser: there an app shares Amplify with the element and
 * may configure it from either file.
 */
function amplifyConfigAsGiven() {
  const parser = /\/@aws-amplify\/core\/dist\/esm\/utils\/parseAmplifyConfig\.mjs$/;
  return {
    name: 'amplify-config-as-given',
    load(id) {
      return parser.test(id) ? 'export const parseAmplifyConfig = (config) => config;\n' : null;
    },
  };
}

/**
 * Amplify's passkey helpers are modules shared by sign-in (a passkey's assertion) and registration: rollup puts a
 * module where its first user is, so the registration's half of them (creation options, attestation, their errors)
 * would sit in every page's bundle, exported to the passkeys chunk, though only `auth-flow="user-auth"` elements
 * with a signed-in user ever register a passkey. They are stateless functions and error classes the element tells
 * apart by name, so the passkeys chunk gets its own copy of the ones registration imports (about 0.2 KB gzip off
 * the basic bundle). Nothing else is copied: configuration, tokens and service clients stay shared.
 */
function passkeyRegistrationCopies() {
  const copy = '?passkey-registration';
  const registration = /\/@aws-amplify\/auth\/dist\/esm\/client\/apis\/associateWebAuthnCredential\.mjs$/;
  const copied = /\/@aws-amplify\/auth\/dist\/esm\/(client\/utils\/passkey|foundation\/convert)\//;
  return {
    name: 'passkey-registration-copies',
    async resolveId(source, importer, options) {
      if (!importer || !(importer.endsWith(copy) || registration.test(importer))) return null;
      const resolved = await this.resolve(source, importer.replace(copy, ''), { ...options, skipSelf: true });
      if (!resolved || resolved.id.endsWith(copy)) return resolved;
      return copied.test(resolved.id) ? resolved.id + copy : resolved;
    },
    load(id) {
      return id.endsWith(copy) ? readFile(id.slice(0, -copy.length), 'utf8') : null;
    },
  };
}

/**
 * Amplify's `autoSignIn` (its callback, and the "has not started" error it throws by default) lives in one module
 * with `resetAutoSignIn`, which every sign-in calls: rollup would put the whole module in every page's bundle
 * (some 170 B gzip) once the sign-up chunk uses `autoSignIn`. So Amplify's sign-in functions get a copy of the
 * module of their own, in which only the reset is used and the callback is dropped as unread, and the original
 * goes with its other users (sign-up, its confirmation, the auto sign-in) into the sign-up chunk. The state that
 * matters to both sides is the auto sign-in store (the sign-up's username and session), a module both copies
 * import and so share; what a sign-in's reset no longer clears is the chunk's callback, which the element only
 * ever calls right after a sign-up or confirmation set it anew (`COMPLETE_AUTO_SIGN_IN`).
 */
function autoSignInWithSignUp() {
  const copy = '?sign-in-reset';
  const signIns =
    /\/@aws-amplify\/auth\/dist\/esm\/providers\/cognito\/apis\/signIn(WithUserAuth|WithSRP|WithUserPassword)?\.mjs$/;
  const autoSignIn = /\/@aws-amplify\/auth\/dist\/esm\/providers\/cognito\/apis\/autoSignIn\.mjs$/;
  return {
    name: 'auto-sign-in-with-sign-up',
    async resolveId(source, importer, options) {
      if (!importer || !(importer.endsWith(copy) || signIns.test(importer))) return null;
      const resolved = await this.resolve(source, importer.replace(copy, ''), { ...options, skipSelf: true });
      return resolved && autoSignIn.test(resolved.id) ? resolved.id + copy : resolved;
    },
    load(id) {
      return id.endsWith(copy) ? readFile(id.slice(0, -copy.length), 'utf8') : null;
    },
  };
}

/**
 * Terser's settings, each measured on the bundle's gzip size: `module: true` changes nothing (the plugin already
 * treats ES output as a module), `ecma: 2020` saves 3 bytes, a second compress pass 230 (56 of them the
 * element's own), a third 104 more (none of them the element's, but the page pays them), and leaving out the
 * parentheses around function expressions passed as arguments (`wrap_func_args: false`, which only helped old
 * engines parse them lazily) 31 of the element's own.
 */
export const terserOptions = {
  module: true,
  ecma: 2020,
  compress: { passes: 3 },
  format: { comments: false, wrap_func_args: false },
};

/**
 * Where and how the self-contained bundle is written: `dist/custom-auth-login.js`, and beside it, in
 * `dist/locales/`, one chunk per language other than English, which the bundle imports (relative to its own
 * URL) only on a page that speaks it, and in `dist/chunks/` the capabilities loaded only when used (sign-up, only
 * with `sign-up`; the sign-in link's, only when the address holds one; the texts of configuration problems, only
 * when there is one). `npm run build` (scripts/build.mjs) points `dir` at a fresh folder that then replaces dist/,
 * so no stale chunk ships and a stopped build leaves the previous chunks in place.
 */
export const selfContainedOutput = {
  dir: 'dist',
  entryFileNames: 'custom-auth-login.js',
  // Language tables in locales/, every other lazily loaded capability (sign-in links, …) in chunks/.
  chunkFileNames: (chunk) =>
    chunk.facadeModuleId?.includes('/src/strings/') ? 'locales/[name]-[hash].js' : 'chunks/[name]-[hash].js',
  format: 'es',
  sourcemap: true,
};

/** The self-contained build's plugins, fresh for each build (the benchmark builds its size floor with them). */
export function selfContainedPlugins() {
  return [
    litServerSafeBuilds(),
    amplifyCoreInBundle(),
    amplifyConfigAsGiven(),
    passkeyRegistrationCopies(),
    autoSignInWithSignUp(),
    // `browser: true` picks the packages' browser builds; without it Amplify pulls in Node's `buffer` and the
    // element never renders.
    nodeResolve({ browser: true }),
    // Only the element's sources go into the bundle; the tests are type-checked by the test runner's build.
    // Source maps carry the TypeScript sources themselves: the package ships the bundle, not src/.
    typescript({
      tsconfig: './tsconfig.json',
      include: ['src/**/*.ts'],
      sourceMap: true,
      inlineSources: true,
    }),
    // After TypeScript, so it reads JavaScript: strips the indentation out of our own html`` and css``.
    minifyTemplates(),
    terser(terserOptions),
  ];
}

export default {
  input: 'src/custom-auth-login.ts',
  // Chunks loaded later (sign-up) import what they share with the bundle from the bundle itself; without this,
  // rollup would keep the entry's exports as they are and move everything into a shared chunk behind it.
  preserveEntrySignatures: 'allow-extension',
  output: selfContainedOutput,
  plugins: selfContainedPlugins(),
};
