// Times `npx cdk synth -q` in backend/deploy, a cold process each run (bundling included), and prints the
// median and spread: `node backend/deploy/scripts/time-synth.mjs [runs]` (default 5).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: node backend/deploy/scripts/time-synth.mjs [runs]  (runs: a whole number from 1)');
  process.exit(1);
}
const deployDir = fileURLToPath(new URL('..', import.meta.url));
// No once-a-day npm version check inside the measurement.
const env = { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' };

const seconds = [];
for (let run = 0; run < runs; run += 1) {
  const started = process.hrtime.bigint();
  const result = spawnSync('npx', ['cdk', 'synth', '-q'], { cwd: deployDir, env, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    console.error(result.stderr);
    process.exit(result.status ?? 1);
  }
  seconds.push(elapsed);
}
seconds.sort((a, b) => a - b);
const middle = Math.floor(runs / 2);
const median = runs % 2 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2;
const format = (value) => `${value.toFixed(2)} s`;
console.log(
  `cdk synth, ${runs} runs: median ${format(median)}, min ${format(seconds[0])}, max ${format(seconds.at(-1))}`,
);
