// `npm run build`: the script-tag bundle and its language chunks (rollup), the bundler build `lib/` (tsc) and
// `custom-elements.json` (the manifest analyzer), all written into a fresh folder beside dist/ and only then
// swapped into place. A build that fails or is stopped half-way therefore leaves the previous dist/ whole: when
// the steps wrote into dist/ directly, `npm start` stopped during its build left dist/locales/ deleted, and the
// next German page could not fetch its language chunk and spoke English.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
// Siblings of dist/ (same depth, so the relative source paths inside the source maps come out the same), one
// pair per build process, so that two builds running at once do not write into each other's folder.
const stagingName = `dist.next-${process.pid}`;
const staging = join(root, stagingName);
const previous = join(root, `dist.previous-${process.pid}`);

const bin = (name) => join(root, 'node_modules', '.bin', name);

/** The build steps, each writing into the staging folder; their configuration files say `dist`. */
const steps = [
  { name: 'rollup', args: ['-c', '--dir', stagingName] },
  { name: 'tsc', args: ['-p', 'tsconfig.lib.json', '--outDir', join(stagingName, 'lib')] },
  { name: 'cem', args: ['analyze', '--outdir', stagingName] },
];

/** True while the process `pid` exists (EPERM: it exists but belongs to someone else). */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Tidies up after builds that were killed outright (SIGKILL cannot be handled): their staging folders go, and
 * if one was killed between its two renames, its previous dist/ is put back.
 */
function recoverFromKilledBuilds() {
  for (const name of readdirSync(root)) {
    const match = /^dist\.(next|previous)-(\d+)$/.exec(name);
    if (!match || isRunning(Number(match[2]))) continue;
    if (match[1] === 'previous' && !existsSync(dist)) renameSync(join(root, name), dist);
    else rmSync(join(root, name), { recursive: true, force: true });
  }
}

/**
 * Puts the finished build in place of dist/. Synchronous on purpose: a stop signal is handled by this process's
 * listeners, which cannot run in the middle of it.
 */
function swapIntoPlace() {
  if (existsSync(dist)) renameSync(dist, previous);
  renameSync(staging, dist);
  rmSync(previous, { recursive: true, force: true });
}

let running;
let stoppedBy;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stoppedBy = signal;
    // A terminal's Ctrl-C reaches the step as well; a signal sent to this process alone is passed on.
    if (running?.exitCode === null) running.kill(signal);
  });
}

function run({ name, args }) {
  return new Promise((resolve, reject) => {
    running = spawn(bin(name), args, { cwd: root, stdio: 'inherit' });
    running.once('error', reject);
    running.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${name} ended with ${signal ?? `exit code ${code}`}`)),
    );
  });
}

recoverFromKilledBuilds();
rmSync(staging, { recursive: true, force: true });
try {
  for (const step of steps) {
    if (stoppedBy) break;
    await run(step);
  }
  if (stoppedBy) throw new Error(`stopped by ${stoppedBy}`);
  swapIntoPlace();
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`build: ${error.message}; dist/ is left as it was`);
  process.exit(1);
}
