// `npm run bench:two-stages` (also the second half of `npm run bench`): the form before Amplify, side by side.
//   node bench/two-stages.mjs [--runs N]
// Builds, from the same sources, the one-chunk bundle the element used to be (the baseline; see
// one-chunk-build.mjs) and the two-stage bundle `npm run build` makes, serves each gzip-compressed and uncached
// to headless Chromium on an emulated slow phone (1.6 Mbps down, 0.75 Mbps up, 150 ms round trip, 4× CPU
// slowdown, cache off), and times in alternating fresh contexts:
// - navigation → the username field is interactive: it is drawn, and a task queued once it is (a keystroke's)
//   runs, so a main thread still busy with Amplify counts against it;
// - navigation → the code is sent, for a user who types at once: that task fills the field and submits, and
//   the clock stops when the challenge step shows (Cognito answered InitiateAuth);
// - the script bytes (gzip, as sent) received before the field was interactive, and in all.
// Writes bench/results/two-stages.json and prints the table the README quotes.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { rollup } from 'rollup';
import { tsImport } from 'tsx/esm/api';
import rollupConfig, { selfContainedOutput, selfContainedPlugins } from '../rollup.config.mjs';
import { findBrowser } from '../scripts/ensure-browser.mjs';
import { chromiumArgs } from '../web-test-runner.config.mjs';
import { buildOneChunk } from './one-chunk-build.mjs';
import { formatTable, row, summarize } from './statistics.mjs';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const { values: options } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(options.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, got ${options.runs}`);

/** The emulated phone on a slow mobile network. */
const network = { download: 1.6e6 / 8, upload: 0.75e6 / 8, latency: 150 };
const cpuSlowdown = 4;
const mbps = (bytesPerSecond) => ((bytesPerSecond * 8) / 1e6).toFixed(2).replace(/0$/, '');

const builds = /** @type {const} */ (['one-chunk', 'two-stages']);
const buildRoot = `${repoRoot}bench/results/builds/`;

async function buildTwoStages(dir) {
  const bundle = await rollup({
    input: rollupConfig.input,
    preserveEntrySignatures: rollupConfig.preserveEntrySignatures,
    plugins: selfContainedPlugins(),
    onwarn: () => {},
  });
  try {
    await bundle.write({ ...selfContainedOutput, dir });
  } finally {
    await bundle.close();
  }
}

/** The page: the element pointed at the endpoint, its bundle from one script tag, and the in-page clock. */
function benchPage(endpoint, build) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>two-stage benchmark</title>
<script>
  // Times from the navigation's start (performance.now()'s origin). Once the username field is drawn, a task is
  // queued as a keystroke would be; when it runs the field is interactive, and the user types and submits.
  window.timings = {};
  window.timingsDone = new Promise((done) => {
    new MutationObserver(() => {
      const el = document.querySelector('custom-auth-login');
      const step = el?.getAttribute('step');
      const input = el?.shadowRoot?.querySelector('[part~="username-input"]');
      if (step === 'username' && input && !input.disabled && !timings.drawn) {
        timings.drawn = performance.now();
        setTimeout(() => {
          timings.interactive = performance.now();
          input.value = 'alice@example.com';
          input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
          el.updateComplete.then(() => el.shadowRoot.querySelector('[part~="submit-button"]').click());
        });
      }
      if (step === 'challenge' && !timings.codeSent) {
        timings.codeSent = performance.now();
        done();
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['step'] });
  });
</script>
<script type="module" src="/${build}/custom-auth-login.js"></script>
</head>
<body>
<custom-auth-login user-pool-id="${endpoint.userPoolId}" user-pool-client-id="${endpoint.clientId}"
  user-pool-endpoint="${endpoint.url}"></custom-auth-login>
</body>
</html>`;
}

/** Serves the page (`/<build>/`) and each build's files, gzip-compressed at level 9, never cached. */
async function serve(endpoint) {
  const gzipped = new Map();
  const server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const [, build, ...rest] = path.split('/');
    const headers = { 'cache-control': 'no-store', 'content-encoding': 'gzip' };
    if (!builds.includes(build) || path.includes('..')) return response.writeHead(404).end();
    let body;
    let type = 'text/javascript';
    if (rest.join('/') === '') {
      body = benchPage(endpoint, build);
      type = 'text/html; charset=utf-8';
    } else {
      const file = join(buildRoot, build, ...rest);
      try {
        body = readFileSync(file);
      } catch {
        return response.writeHead(404).end();
      }
      if (extname(file) !== '.js') type = 'application/octet-stream';
    }
    const key = `${build}/${rest.join('/')}`;
    if (!gzipped.has(key) || type.startsWith('text/html')) gzipped.set(key, gzipSync(body, { level: 9 }));
    response.writeHead(200, { ...headers, 'content-type': type }).end(gzipped.get(key));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** One page load of `build` in a fresh context on the emulated phone. */
async function timeOnce(browser, site, build) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setCacheEnabled(false);
    await page.emulateCPUThrottling(cpuSlowdown);
    await page.emulateNetworkConditions(network);
    await page.goto(`${site.url}${build}/`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => window.timingsDone.then(() => true), { timeout: 60_000 });
    return await page.evaluate(() => {
      const scripts = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js'));
      const { drawn, interactive, codeSent } = window.timings;
      const bytes = (entries) => entries.reduce((sum, entry) => sum + entry.encodedBodySize, 0);
      return {
        drawn,
        interactive,
        codeSent,
        bytesBeforeInteractive: bytes(scripts.filter((entry) => entry.responseEnd <= interactive)),
        scriptBytes: bytes(scripts),
        scriptArrived: Math.min(...scripts.map((entry) => entry.responseEnd)),
      };
    });
  } finally {
    await context.close();
  }
}

console.log('bench: building the one-chunk baseline and the two-stage bundle from the same sources');
rmSync(buildRoot, { recursive: true, force: true });
mkdirSync(buildRoot, { recursive: true });
await buildOneChunk(`${buildRoot}one-chunk`);
await buildTwoStages(`${buildRoot}two-stages`);

const { start, RELAXED_LIMITS_ENV } = await tsImport('../backend/local-cognito/server.ts', import.meta.url);
const endpoint = await start({
  port: 0,
  users: [{ email: 'alice@example.com' }],
  triggerEnv: RELAXED_LIMITS_ENV,
  log: () => {},
});
const site = await serve(endpoint);
const executablePath = findBrowser();
if (!executablePath) throw new Error('No Chrome or Chromium found: run `node scripts/ensure-browser.mjs`.');
const browser = await puppeteer.launch({ executablePath, headless: true, args: chromiumArgs });
/** @type {Record<string, Array<Awaited<ReturnType<typeof timeOnce>>>>} */
const samples = { 'one-chunk': [], 'two-stages': [] };
try {
  console.log(
    `bench: ${runs} runs each, alternating, ${mbps(network.download)} Mbps down, ${mbps(network.upload)} Mbps up, ` +
      `${network.latency} ms latency, ${cpuSlowdown}× CPU slowdown, cache off`,
  );
  // One warm-up of each: the browser's first contexts compile more than later ones.
  for (const build of builds) await timeOnce(browser, site, build);
  for (let run = 0; run < runs; run++) {
    const order = run % 2 ? [...builds].reverse() : builds;
    for (const build of order) samples[build].push(await timeOnce(browser, site, build));
    if ((run + 1) % 5 === 0) console.log(`bench: ${run + 1}/${runs} runs`);
  }
} finally {
  await browser.close();
  await site.close();
  await endpoint.close();
}

const measures = [
  ['navigation → username field drawn', 'drawn', 'ms'],
  ['navigation → username field interactive', 'interactive', 'ms'],
  ['navigation → code sent (user types at once)', 'codeSent', 'ms'],
  ['first script byte arrived → field interactive', 'fromScript', 'ms'],
  ['script bytes before interactive (gzip)', 'bytesBeforeInteractive', 'B'],
  ['script bytes in all (gzip)', 'scriptBytes', 'B'],
];
const summaries = {};
const rows = [];
for (const [what, key, unit] of measures) {
  for (const build of builds) {
    const values = samples[build].map((sample) =>
      key === 'fromScript' ? sample.interactive - sample.scriptArrived : sample[key],
    );
    summaries[build] ??= {};
    summaries[build][key] = summarize(values);
    rows.push(row(`${what}: ${build}`, summaries[build][key], unit));
  }
}
const ratio = (key) => summaries['one-chunk'][key].median / summaries['two-stages'][key].median;
const notes = [
  `Interactive ${ratio('interactive').toFixed(2)}× sooner (median), ${ratio('fromScript').toFixed(2)}× from the script's arrival; code sent ${ratio('codeSent').toFixed(2)}× sooner.`,
  `Script bytes in all: ${((1 / ratio('scriptBytes') - 1) * 100).toFixed(1)} % more with two stages.`,
  `${runs} runs each, alternating; Chromium headless, ${mbps(network.download)} Mbps down, ${mbps(network.upload)} Mbps up, ${network.latency} ms latency, ${cpuSlowdown}× CPU slowdown, cache off; ${os.cpus().length} cores.`,
];
const table = formatTable(rows);
mkdirSync(`${repoRoot}bench/results`, { recursive: true });
writeFileSync(
  `${repoRoot}bench/results/two-stages.json`,
  `${JSON.stringify({ date: new Date().toISOString(), runs, network, cpuSlowdown, summaries, samples, table: `${table.markdown}\n\n${notes.join('\n')}` }, null, 2)}\n`,
);
console.log(`\n${table.text}\n\n${notes.join('\n')}\n\nbench: written to bench/results/two-stages.json`);
