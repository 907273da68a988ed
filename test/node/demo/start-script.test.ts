/**
 * `npm start` (scripts/start.mjs), run as a child process the way a developer runs it: it serves the demo and
 * the bundle, a person can sign in both ways on the page, port conflicts say which variable to change, the page
 * port says "building" until the bundle is built, and SIGINT/SIGTERM stop everything, during the build too,
 * without leaving dist/ half-built.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { cognitoRequest, latestCode } from '../../../backend/local-cognito/dev-client.ts';
import { launchChromium, signInOnDemo } from '../../runner-support/demo-browser.ts';
import {
  repoRoot,
  runDemoToExit,
  startDemo,
  startDemoBuilding,
  type DemoProcess,
} from '../../runner-support/demo-process.ts';

/** Listens on a free loopback port so that the start script finds it taken. */
async function occupyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer((_req, res) => res.end('taken'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

/** A raw GET, so that paths like `/../x` reach the server as written (fetch would normalise them). */
function get(url: string, path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url), { path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function isListening(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

const freePorts = { PORT: '0', COGNITO_PORT: '0' };

/** Every file under dist/, relative to it, sorted; `[]` when there is no dist/. */
function builtFiles(): string[] {
  try {
    return readdirSync(`${repoRoot}dist`, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `${entry.parentPath}/${entry.name}`.slice(`${repoRoot}dist/`.length))
      .sort();
  } catch {
    return [];
  }
}

/** Folders a build leaves beside dist/ while it runs (scripts/build.mjs). */
const buildLeftovers = () => readdirSync(repoRoot).filter((name) => /^dist\./.test(name));

describe('npm start', () => {
  describe('when both ports are free', () => {
    let demo: DemoProcess;
    let browser: Browser;
    before(async () => {
      [demo, browser] = await Promise.all([startDemo(freePorts), launchChromium()]);
    });
    after(async () => {
      await Promise.all([browser?.close(), demo?.stop('SIGKILL')]);
    });

    it('prints the page URL, the demo users and where the codes appear', () => {
      const output = demo.output();
      assert.match(demo.pageUrl, /^http:\/\/localhost:\d+\/$/);
      assert.match(output, /alice@example\.com/);
      assert.match(output, /bob@example\.com.*Correct-Horse-42/);
      assert.match(output, /Development inbox/);
    });

    it('serves the demo page with the element tag pointed at the running endpoint', async () => {
      const page = await get(demo.pageUrl, '/');
      assert.equal(page.status, 200);
      assert.equal(page.type, 'text/html; charset=utf-8');
      assert.match(page.body, /<script type="module" src="\/dist\/custom-auth-login\.js"><\/script>/);
      assert.match(page.body, /<custom-auth-login\s[^>]*user-pool-id="local_devpool"/);
      assert.ok(
        page.body.includes(`user-pool-endpoint="${demo.endpointUrl}"`),
        'endpoint attribute follows COGNITO_PORT',
      );
    });

    it('runs an endpoint that allows ?flow=user-auth: codes, passkeys and sign-ups without a password', async () => {
      assert.match(demo.output(), /\?flow=user-auth/);
      assert.match(demo.output(), /erin@example\.com/);
      const choice = await cognitoRequest(demo.endpointUrl, 'InitiateAuth', {
        AuthFlow: 'USER_AUTH',
        ClientId: 'localdevclient',
        AuthParameters: { USERNAME: 'alice@example.com' },
      });
      assert.equal(choice.status, 200);
      assert.deepEqual((choice.body as { AvailableChallenges: string[] }).AvailableChallenges, [
        'EMAIL_OTP',
        'SMS_OTP',
        'WEB_AUTHN',
      ]);
      // Its sign-ups need no password (Cognito's passwordless sign-up); Pre Sign-up confirms them at once.
      const signUp = await cognitoRequest(demo.endpointUrl, 'SignUp', {
        ClientId: 'localdevclient',
        Username: 'passwordless@example.com',
      });
      assert.equal(signUp.status, 200);
      assert.equal((signUp.body as { UserConfirmed: boolean }).UserConfirmed, true);
    });

    it('serves the built bundle and the page assets with their MIME types', async () => {
      const bundle = await get(demo.pageUrl, '/dist/custom-auth-login.js');
      assert.equal(bundle.status, 200);
      assert.equal(bundle.type, 'text/javascript; charset=utf-8');
      assert.match(bundle.body, /custom-auth-login/);
      assert.equal((await get(demo.pageUrl, '/demo.css')).type, 'text/css; charset=utf-8');
      assert.equal((await get(demo.pageUrl, '/demo.js')).type, 'text/javascript; charset=utf-8');
    });

    it('answers 404 for unknown files and for paths that climb out of the served folders', async () => {
      for (const path of [
        '/missing.html',
        '/dist/',
        '/../package.json',
        '/dist/../../package.json',
        '/%2e%2e/package.json',
        '/dist/%2e%2e%2fscripts%2fstart.mjs',
        '/..%5cpackage.json',
        '/%00',
        '/%E0%A4%A',
      ]) {
        const answer = await get(demo.pageUrl, path);
        assert.equal(answer.status, 404, `${path} → ${answer.status}`);
        assert.doesNotMatch(answer.body, /"name": "custom-auth-login"|import /, `${path} leaked a file`);
      }
      assert.equal((await get(demo.pageUrl, '/')).status, 200, 'still serving after bad requests');
    });

    it('lets a person sign in with either flow, reading the code from the page', async () => {
      for (const signIn of [
        { flow: 'custom-without-srp', username: 'alice@example.com' },
        { flow: 'custom-with-srp', username: 'bob@example.com', password: 'Correct-Horse-42' },
      ] as const) {
        const context = await browser.createBrowserContext();
        const result = await signInOnDemo(await context.newPage(), demo, signIn);
        // The pool signs in with email, as the deployed stack does: the username is a generated UUID.
        assert.match(
          result.claims['cognito:username']!,
          /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
        );
        assert.equal(result.claims.email, signIn.username);
        assert.equal(result.claims['token_use'], 'id');
        assert.match(result.serverCheck.status, /^HTTP 200: the server verified the access token/);
        assert.equal(result.serverCheck.fields.username, result.claims['cognito:username']);
        assert.equal(result.serverCheck.fields.tokenUse, 'access');
        assert.match(result.wrongCodeMessage, /2/, 'the wrong code message counts the attempts left');
        assert.deepEqual(result.events.slice(-2), ['auth-step-change', 'auth-signed-in']);
        await context.close();
      }
    });

    it('opens on the password flow with ?flow=custom-with-srp, and its switch goes back', async () => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.goto(new URL('?flow=custom-with-srp', demo.pageUrl).href);
      await page.waitForSelector('custom-auth-login[step="username"] >>> [part~="password-input"]');
      assert.equal(await page.$eval('custom-auth-login', (el) => el.getAttribute('auth-flow')), 'custom-with-srp');
      assert.equal(await page.$eval('input[name="flow"]:checked', (radio) => radio.value), 'custom-with-srp');

      await page.click('.flow-switch input[value="custom-without-srp"]');

      await page.waitForFunction(() => {
        const el = document.querySelector('custom-auth-login');
        return !el?.shadowRoot?.querySelector('[part~="password-input"]');
      });
      assert.equal(await page.$eval('custom-auth-login', (el) => el.getAttribute('auth-flow')), 'custom-without-srp');
      assert.equal(new URL(page.url()).search, '', 'the URL follows the switch');
      await context.close();
    });

    it("opens on Cognito's own flow and signs in with an emailed code picked on the choose step", async () => {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.goto(new URL('?flow=user-auth', demo.pageUrl).href);
      await page.waitForSelector('custom-auth-login[step="username"] >>> [part~="username-input"]');
      assert.equal(await page.$eval('custom-auth-login', (el) => el.getAttribute('auth-flow')), 'user-auth');
      assert.equal(await page.$eval('input[name="flow"]:checked', (radio) => radio.value), 'user-auth');

      // Erin, not Alice: the codes the specs above sent Alice count against her limits (one a minute).
      await page.type('custom-auth-login >>> [part~="username-input"]', 'erin@example.com');
      await page.click('custom-auth-login >>> [part~="submit-button"]');
      await page.waitForSelector('custom-auth-login[step="choose"] >>> [part~="method-button"]');
      const methods = await page.$$eval('custom-auth-login >>> [part~="method-button"]', (buttons) =>
        buttons.map((button) => (button as HTMLElement).dataset['method']),
      );
      assert.deepEqual(methods, ['WEB_AUTHN', 'EMAIL_OTP', 'SMS_OTP']);
      await page.click('custom-auth-login >>> [part~="method-button"][data-method="EMAIL_OTP"]');
      await page.waitForSelector('custom-auth-login[step="challenge"]');
      const code = await latestCode(demo.endpointUrl, 'erin@example.com');
      await page.type('custom-auth-login >>> [part~="code-input"]', code);
      await page.click('custom-auth-login >>> [part~="submit-button"]');
      await page.waitForSelector('custom-auth-login[step="signed-in"] >>> [part~="add-passkey-button"]');
      await context.close();
    });
  });

  describe('when a port is already in use', () => {
    for (const variable of ['PORT', 'COGNITO_PORT'] as const) {
      it(`names ${variable} in one line and exits with 1`, async () => {
        const { port, server } = await occupyPort();
        try {
          const { code, output } = await runDemoToExit({ ...freePorts, [variable]: String(port) });
          assert.equal(code, 1);
          assert.equal(output.trim().split('\n').length, 1, output);
          assert.match(output, new RegExp(`port ${port} is already in use; set ${variable} to a free port`));
        } finally {
          server.close();
        }
      });
    }

    it('refuses a port that is not a number, naming the variable', async () => {
      const { code, output } = await runDemoToExit({ PORT: 'eighty', COGNITO_PORT: '0' });
      assert.equal(code, 1);
      assert.match(output, /PORT must be a port number/);
    });
  });

  describe('while the bundle is being built', () => {
    it('answers the page port with a short "building" page that reloads itself, not the demo', async () => {
      const demo = await startDemoBuilding(freePorts);
      try {
        const page = await get(demo.pageUrl, '/');
        const bundle = await get(demo.pageUrl, '/dist/custom-auth-login.js');
        assert.doesNotMatch(demo.output(), /Page:/, 'the build finished before the page could be asked');

        assert.equal(page.status, 503);
        assert.equal(page.type, 'text/html; charset=utf-8');
        assert.match(page.body, /Building the bundle/);
        assert.match(page.body, /<meta http-equiv="refresh"/);
        assert.doesNotMatch(page.body, /<custom-auth-login/);
        assert.equal(bundle.status, 503, 'no bundle before it is built');
      } finally {
        await demo.stop('SIGTERM');
      }
    });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    describe(`when it receives ${signal} during the build`, () => {
      it('leaves the previous dist/ whole, its language chunks included, and exits with 0', async () => {
        const before = builtFiles();
        assert.ok(
          before.some((file) => /^locales\/de-.+\.js$/.test(file)),
          `dist/locales/de-*.js is missing: run \`npm run build\` first (dist/ holds: ${before.join(', ')})`,
        );
        const demo = await startDemoBuilding(freePorts);

        const { code, output } = await demo.stop(signal);

        assert.equal(code, 0, output);
        assert.doesNotMatch(output, /Page:/, 'the build finished before the stop');
        assert.deepEqual(builtFiles(), before);
        assert.deepEqual(buildLeftovers(), [], 'the half-made build is removed');
        assert.equal(await isListening(demo.pageUrl), false, 'page server still up');
      });
    });

    describe(`when it receives ${signal}`, () => {
      it('closes the page server and the local endpoint, then exits with 0', async () => {
        const demo = await startDemo(freePorts);
        assert.ok(await isListening(demo.pageUrl));
        assert.ok(await isListening(demo.endpointUrl));
        const { code } = await demo.stop(signal);
        assert.equal(code, 0);
        assert.equal(await isListening(demo.pageUrl), false, 'page server still up');
        assert.equal(await isListening(demo.endpointUrl), false, 'endpoint still up');
      });
    });
  }
});
