// Times both sign-in flows of the built bundle in headless Chromium against a running local endpoint: every
// run in a fresh browser context (no stored tokens, no cache), the code read from the endpoint's inbox, the
// Cognito requests counted from its request log.
import { readFileSync } from 'node:fs';
import { normalize } from 'node:path';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { findBrowser } from '../scripts/ensure-browser.mjs';
import { chromiumArgs } from '../web-test-runner.config.mjs';
import { benchPage } from './bench-page.mjs';

const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * Serves the benchmark page and the built files (the bundle and the chunks it loads) on 127.0.0.1, uncached so
 * every run loads them anew.
 * @param {{ url: string, userPoolId: string, clientId: string }} endpoint
 */
async function servePage(endpoint) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const headers = { 'cache-control': 'no-store' };
    if (url.pathname === '/') {
      const authFlow = url.searchParams.get('flow') ?? 'custom-without-srp';
      const html = benchPage({
        endpoint: endpoint.url,
        userPoolId: endpoint.userPoolId,
        clientId: endpoint.clientId,
        authFlow,
      });
      response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (/^\/dist\/[\w/-]+\.js$/.test(url.pathname) && !normalize(url.pathname).includes('..')) {
      let body;
      try {
        body = readFileSync(distDir + url.pathname.slice('/dist/'.length));
      } catch {
        return response.writeHead(404).end();
      }
      response.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(body);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * Runs `runs` sign-ins of each flow and one page load per run.
 * @param {object} options
 * @param {{ url: string, userPoolId: string, clientId: string }} options.endpoint the running local endpoint
 * @param {{ latestCode(url: string, username: string): Promise<string>, fetchRequests(url: string): Promise<Array<{ operation: string }>>, clearDevLogs(url: string): Promise<void> }} options.devClient
 * @param {Array<{ name: string, authFlow: string, username: string, password?: string }>} options.flows
 * @param {number} options.runs
 * @param {(line: string) => void} [options.progress]
 */
export async function timeBrowserFlows({ endpoint, devClient, flows, runs, progress = () => {} }) {
  const executablePath = findBrowser();
  if (!executablePath)
    throw new Error('No Chrome or Chromium found: run `node scripts/ensure-browser.mjs` or set CHROME_PATH.');
  const page = await servePage(endpoint);
  const browser = await puppeteer.launch({ executablePath, headless: true, args: chromiumArgs });
  const results = {};
  try {
    for (const flow of flows) {
      const samples = { toChallenge: [], toSignedIn: [], firstRender: [], requests: [] };
      let operations = [];
      // One warm-up run: the first start of a context compiles more than any later one.
      for (let run = -1; run < runs; run++) {
        const context = await browser.createBrowserContext();
        try {
          await devClient.clearDevLogs(endpoint.url);
          const tab = await context.newPage();
          await tab.goto(`${page.url}?flow=${flow.authFlow}`);
          const firstRender = await tab.evaluate(() => window.bench.firstRender);
          await tab.evaluate(() => window.bench.stepIs('username'));
          const fields = {
            'username-input': flow.username,
            ...(flow.password ? { 'password-input': flow.password } : {}),
          };
          const toChallenge = await tab.evaluate((values) => window.bench.submit(values, 'challenge'), fields);
          const code = await devClient.latestCode(endpoint.url, flow.username);
          const toSignedIn = await tab.evaluate(
            (value) => window.bench.submit({ 'code-input': value }, 'signed-in'),
            code,
          );
          operations = (await devClient.fetchRequests(endpoint.url)).map((record) => record.operation);
          if (run < 0) continue;
          samples.firstRender.push(firstRender);
          samples.toChallenge.push(toChallenge);
          samples.toSignedIn.push(toSignedIn);
          samples.requests.push(operations.length);
        } finally {
          await context.close();
        }
      }
      progress(`${flow.name}: ${runs} runs done`);
      results[flow.name] = { ...samples, operations };
    }
  } finally {
    await browser.close();
    await page.close();
  }
  return results;
}
