// Browser tests: every test/browser/**/*.test.ts runs in headless Chromium, TypeScript compiled on the fly by
// esbuild with the project's tsconfig (`useDefineForClassFields: false`, so class fields do not hide Lit's
// reactive properties). Two groups, both run by `npm run test:browser`: the unit tests (`wtr --group default`)
// and the end-to-end tests under test/browser/e2e (`wtr --group e2e`), which sign in with the real Amplify
// against local Cognito endpoints that the local-cognito plugin starts and stops with the test server.
//
// The pieces are exported so another config can reuse them instead of copying them.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';
import { findBrowser } from './scripts/ensure-browser.mjs';

// The endpoint is TypeScript run without a compile step; tsx loads it (and the plugin) into this process.
const { localCognitoE2e } = await tsImport('./test/runner-support/local-cognito-plugin.ts', import.meta.url);
const e2e = localCognitoE2e();
const { hostCssPlugin } = await tsImport('./test/runner-support/host-css-plugin.ts', import.meta.url);
const { frameworksPlugin } = await tsImport('./test/runner-support/frameworks-plugin.ts', import.meta.url);
const { heldAmplifyChunk } = await tsImport('./test/runner-support/held-chunk.ts', import.meta.url);
const { virtualAuthenticatorPlugin } = await tsImport(
  './test/runner-support/virtual-authenticator-plugin.ts',
  import.meta.url,
);

/** Headless Chromium flags: root needs --no-sandbox; the rest keep the browser from reaching the network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium launcher every group uses. */
export function chromium() {
  const executablePath = findBrowser();
  if (!executablePath) {
    throw new Error('No Chrome or Chromium found: run `node scripts/ensure-browser.mjs` or set CHROME_PATH.');
  }
  return chromeLauncher({ launchOptions: { executablePath, args: chromiumArgs } });
}

/** Compiles the TypeScript sources and tests the way the bundle does. */
export const typescriptPlugin = esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' });

/** Amplify warns on every call to a custom endpoint, which is every call the end-to-end tests make. */
const isCustomEndpointWarning = (message) => /custom Amazon (Amazon )?Cognito User Pool endpoint/.test(message);

export default {
  files: ['test/browser/**/*.test.ts', '!test/browser/e2e/**'],
  groups: [{ name: 'e2e', files: 'test/browser/e2e/**/*.test.ts' }],
  nodeResolve: { browser: true },
  plugins: [frameworksPlugin(), typescriptPlugin, e2e.plugin, hostCssPlugin(), virtualAuthenticatorPlugin()],
  // Answers the end-to-end routes before the plugins see them, so the built bundle is served as it is on disk;
  // its Amplify chunk can be held back first, for the specs of a page before Amplify has arrived.
  middleware: [heldAmplifyChunk(), e2e.middleware],
  browsers: [chromium()],
  // One page at a time: focus assertions are only reliable in the focused page, and the machine has two cores.
  concurrency: 1,
  // A time-out only catches a test that hangs. On a shared machine under load an axe run alone has taken over 5 s,
  // so the limit is generous; no test measures speed.
  testFramework: { config: { timeout: 15000 } },
  // Lit's development build stays on for its warnings; its one-line banner on every test file is just noise.
  filterBrowserLogs: ({ args }) =>
    !String(args[0]).startsWith('Lit is in dev mode') && !isCustomEndpointWarning(String(args[0])),
};
