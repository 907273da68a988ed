// Browser tests: every test/browser/**/*.test.ts runs in headless Chromium, TypeScript compiled on the fly by
// esbuild with the project's tsconfig (Lit's decorators need its settings).
//
// The pieces are exported so a group with its own setup (e.g. end-to-end tests under test/browser/e2e that need
// the local Cognito endpoint running) can reuse them from its own config instead of copying them.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findBrowser } from './scripts/ensure-browser.mjs';

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

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { browser: true },
  plugins: [typescriptPlugin],
  browsers: [chromium()],
  // One page at a time: focus assertions are only reliable in the focused page, and the machine has two cores.
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
  // Lit's development build stays on for its warnings; its one-line banner on every test file is just noise.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
};
