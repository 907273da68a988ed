// `npm run bench`: the numbers issue 6 asks for, printed as one table and written to bench/results/latest.json
// (then the two-stage comparison, bench/two-stages.mjs).
//   node bench/run.mjs [--runs N] [--skip-build]
// Builds when the bundle is missing or older than src/, starts the local endpoint in-process on a free port,
// times both sign-in flows of the built bundle in headless Chromium, measures the bundle and its floor, and
// the endpoint's sign-ins per second on loopback with four concurrent clients.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { timeBrowserFlows } from './browser-flows.mjs';
import { bundleFile, languageOfChunk, measureBundleSizes } from './bundle-sizes.mjs';
import { formatTable, row, summarize } from './statistics.mjs';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const { values: options } = parseArgs({
  options: { runs: { type: 'string', default: '20' }, 'skip-build': { type: 'boolean', default: false } },
});
const runs = Number(options.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got ${options.runs}`);

const concurrentClients = 4;
const loopbackRounds = 5;
const signInsPerClient = { CUSTOM_WITHOUT_SRP: 25, CUSTOM_WITH_SRP: 10 };
const benchPassword = 'Bench-Password-1';

/** The newest modification time under `dir`. */
function newest(dir) {
  return Math.max(
    ...readdirSync(dir).map((name) => {
      const stats = statSync(`${dir}/${name}`);
      return stats.isDirectory() ? newest(`${dir}/${name}`) : stats.mtimeMs;
    }),
  );
}

function buildIfNeeded() {
  let builtAt = 0;
  try {
    builtAt = statSync(repoRoot + bundleFile).mtimeMs;
  } catch {
    // not built yet
  }
  if (options['skip-build'] || builtAt > newest(`${repoRoot}src`)) return;
  console.log('bench: building (the bundle is missing or older than src/)');
  const build = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

buildIfNeeded();
const { start } = await tsImport('../backend/local-cognito/server.ts', import.meta.url);
const devClient = await tsImport('../backend/local-cognito/dev-client.ts', import.meta.url);
const loopback = await tsImport('./loopback-sign-ins.ts', import.meta.url);

const users = [
  { email: 'alice@example.com' },
  { email: 'bob@example.com', password: 'Correct-Horse-42' },
  ...loopback.benchUsers(concurrentClients, benchPassword),
];
const endpoint = await start({ port: 0, users, log: () => {} });
const rows = [];
/** Lines printed under the table. */
const notes = [];
const results = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, runs };
try {
  console.log(`bench: ${runs} runs per flow in headless Chromium against ${endpoint.url}`);
  const flows = await timeBrowserFlows({
    endpoint,
    devClient,
    runs,
    progress: (line) => console.log(`bench: ${line}`),
    flows: [
      { name: 'without SRP', authFlow: 'custom-without-srp', username: 'alice@example.com' },
      { name: 'with SRP', authFlow: 'custom-with-srp', username: 'bob@example.com', password: 'Correct-Horse-42' },
    ],
  });
  results.browser = {};
  for (const [name, samples] of Object.entries(flows)) {
    const summary = {
      toChallenge: summarize(samples.toChallenge),
      toSignedIn: summarize(samples.toSignedIn),
      requests: summarize(samples.requests),
      operations: samples.operations,
    };
    results.browser[name] = summary;
    rows.push(row(`${name}: submit username → challenge step`, summary.toChallenge, 'ms'));
    rows.push(row(`${name}: submit code → signed-in`, summary.toSignedIn, 'ms'));
    rows.push(row(`${name}: Cognito requests per sign-in`, summary.requests, 'requests'));
    notes.push(`Requests ${name}: ${samples.operations.join(', ')}.`);
  }
  const firstRender = summarize(Object.values(flows).flatMap((samples) => samples.firstRender));
  results.firstRender = firstRender;
  rows.push(row('script start → first render (bundle uncached)', firstRender, 'ms'));

  console.log('bench: measuring the bundle and its floor');
  const sizes = await measureBundleSizes();
  results.sizes = sizes;
  rows.push(row('first chunk (the form) gzip / brotli', `${sizes.first.gzip} / ${sizes.first.brotli}`, 'B'));
  rows.push(row('Amplify chunk gzip / brotli', `${sizes.amplify.gzip} / ${sizes.amplify.brotli}`, 'B'));
  rows.push(row('basic sign-in (both) gzip / brotli', `${sizes.full.gzip} / ${sizes.full.brotli}`, 'B'));
  rows.push(row('floor (Lit, Amplify calls) gzip / brotli', `${sizes.floor.gzip} / ${sizes.floor.brotli}`, 'B'));
  rows.push(row("element's own cost gzip / brotli", `${sizes.element.gzip} / ${sizes.element.brotli}`, 'B'));
  for (const [path, locale] of Object.entries(sizes.locales)) {
    rows.push(row(`${languageOfChunk(path)} language chunk gzip / brotli`, `${locale.gzip} / ${locale.brotli}`, 'B'));
  }

  results.loopback = {};
  const benchUsers = users.slice(2);
  for (const flow of /** @type {const} */ (['CUSTOM_WITHOUT_SRP', 'CUSTOM_WITH_SRP'])) {
    console.log(`bench: loopback sign-ins, ${flow}, ${concurrentClients} clients`);
    await loopback.signInsPerSecond(endpoint, flow, benchUsers, 1); // warm-up
    const rates = [];
    for (let round = 0; round < loopbackRounds; round++) {
      rates.push(await loopback.signInsPerSecond(endpoint, flow, benchUsers, signInsPerClient[flow]));
    }
    results.loopback[flow] = summarize(rates);
    rows.push(row(`endpoint sign-ins/s, ${flow}, ${concurrentClients} clients`, results.loopback[flow], '1/s'));
  }
} finally {
  await endpoint.close();
}

const table = formatTable(rows);
notes.push(
  `${os.cpus().length} cores, Node ${process.version}; the loopback clients share one Node process with the endpoint.`,
);
results.table = `${table.markdown}\n\n${notes.join('\n')}`;
mkdirSync(`${repoRoot}bench/results`, { recursive: true });
writeFileSync(`${repoRoot}bench/results/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${table.text}\n\n${notes.join('\n')}\n\nbench: written to bench/results/latest.json`);
