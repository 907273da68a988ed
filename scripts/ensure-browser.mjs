// The `pretest` step: makes sure a Chrome or Chromium is there for the browser tests. Imported by
// web-test-runner.config.mjs for `findBrowser()`, so both agree on which browser runs the tests.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Where Debian and most Linux distributions install Chrome or Chromium, in order of preference. */
export const browserPaths = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser to test in: `CHROME_PATH` when set, else the first known path that exists, else undefined. */
export function findBrowser(env = process.env) {
  if (env.CHROME_PATH) return existsSync(env.CHROME_PATH) ? env.CHROME_PATH : undefined;
  return browserPaths.find((path) => existsSync(path));
}

function canInstallWithApt() {
  return process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function installChromium() {
  console.log("ensure-browser: no Chrome or Chromium found; installing Debian's chromium package");
  const run = (args) =>
    spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return run(['update']).status === 0 && run(['install', '-y', 'chromium']).status === 0;
}

function main() {
  if (findBrowser()) return 0;
  if (process.env.CHROME_PATH) {
    console.error(
      `ensure-browser: CHROME_PATH=${process.env.CHROME_PATH} does not exist; point it at a Chrome or Chromium executable.`,
    );
    return 1;
  }
  if (canInstallWithApt() && installChromium() && findBrowser()) return 0;
  console.error(
    'ensure-browser: no Chrome or Chromium found; install one or set CHROME_PATH to its executable, e.g. CHROME_PATH=/path/to/chrome npm test',
  );
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(main());
