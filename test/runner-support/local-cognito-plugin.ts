/**
 * Test runner setup for the end-to-end tests: local Cognito-compatible endpoints started with the test
 * runner's server (on free ports) and stopped with it, and the routes the browser tests use.
 *
 * - `GET /__e2e/config.json` → {@link E2eConfig}: where the endpoints are.
 * - `GET /__e2e/script-tag.html[?lang=de][&storage=session][&passwordless][&build=/__e2e/fresh/1/dist/]` → a plain
 *   page (in English unless `lang` says otherwise; `storage` becomes the element's `token-storage` attribute;
 *   `passwordless` gives the element `auth-flow="user-auth"` and `sign-up` against the USER_AUTH-only pool;
 *   `build`, a path that ends in `/dist/`, is where the bundle is loaded from instead of `/dist/`) that loads
 *   the built bundle with one `<script type="module">` and holds a `<custom-auth-login>` pointed at the main
 *   endpoint, as a user's page would. It records the element's events in `window.authEvents`.
 * - `GET /__e2e/strict-csp.html[?no-shadow]` → the same page under a strict Content Security Policy (see
 *   {@link strictPolicy}), with no inline script: `/__e2e/page-recorder.js` records the element's events in
 *   `window.authEvents` and every policy violation in `window.cspViolations`.
 * - `GET /dist/custom-auth-login.js` and `GET /dist/locales/<language>-<hash>.js` (and their maps) → the built
 *   files exactly as on disk.
 *
 * The page and the bundle are answered by a middleware, which runs before the test runner's plugins: those
 * would otherwise recompile the bundle with esbuild and inject a script into the page, and the script-tag test
 * must see what a user's server sends.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { TestRunnerPlugin } from '@web/test-runner';
import type { Middleware } from 'koa';
import { RELAXED_LIMITS_ENV, start, type LocalCognito } from '../../backend/local-cognito/server.ts';
import type { E2eConfig } from './e2e-config.ts';

/** The main endpoint's USER_AUTH first factors, in the order its SELECT_CHALLENGE lists them. */
const USER_AUTH_FIRST_FACTORS = ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const;
const SHORT_SESSION_SECONDS = 3;
const MAX_ATTEMPTS = 3;
const LIMITED_FAILURES_PER_HOUR = 2;
/** Sign-in links of the short-session endpoint: they outlive its sessions, then expire soon after. */
const SHORT_LINK_SECONDS = 6;

/** The repository root; URL paths under `/dist/` map onto it. */
const repoRoot = new URL('../../', import.meta.url);

/** URL paths of the build served untouched: the bundle, its language chunks, their source maps. */
const builtFile = /^\/dist\/(?:custom-auth-login|(?:locales|chunks)\/[\w-]+)\.js(?:\.map)?$/;

const bundleFile = new URL('dist/custom-auth-login.js', repoRoot);

/** A language tag the script-tag page may be served in (`de`, `fr-CA`); anything else is served as English. */
const languageTag = /^[a-z]{2}(?:-[a-z]{2})?$/i;

/** The script-tag test's page: the bundle and the element, as the README shows, and an event recorder. */
function scriptTagPage(
  cognito: LocalCognito,
  lang: string,
  storage: string,
  passwordless = false,
  build = '/dist/',
): string {
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <title>script-tag page</title>
    <script>
      window.authEvents = [];
      for (const type of ['auth-step-change', 'auth-signed-in', 'auth-signed-out', 'auth-error']) {
        document.addEventListener(type, (event) => window.authEvents.push({ type, detail: event.detail }));
      }
    </script>
    <script type="module" src="${build}custom-auth-login.js"></script>
  </head>
  <body>
    <custom-auth-login
      user-pool-id="${cognito.userPoolId}"
      user-pool-client-id="${cognito.clientId}"
      user-pool-endpoint="${cognito.url}"${
        storage
          ? `
      token-storage="${storage}"`
          : ''
      }${
        passwordless
          ? `
      auth-flow="user-auth"
      sign-up`
          : ''
      }
    ></custom-auth-login>
  </body>
</html>
`;
}

/**
 * The policy of security-minded sites: scripts and styles only from the page's own origin, nothing inline,
 * Trusted Types enforced with only Lit's policy allowed, requests only to the sign-in endpoint.
 */
export function strictPolicy(endpoint: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src ${new URL(endpoint).origin}`,
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}

/** The event and violation recorder of the strict-CSP page, a script file since inline scripts are refused. */
const pageRecorder = `window.authEvents = [];
window.cspViolations = [];
for (const type of ['auth-step-change', 'auth-signed-in', 'auth-signed-out', 'auth-error']) {
  document.addEventListener(type, (event) => window.authEvents.push({ type, detail: event.detail }));
}
document.addEventListener('securitypolicyviolation', (event) =>
  window.cspViolations.push(event.effectiveDirective + ' ' + (event.blockedURI || 'inline')),
);
`;

/** The strict-CSP page: the bundle and the element (rendered without a shadow root when `noShadow`). */
function strictCspPage(cognito: LocalCognito, noShadow: boolean): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>strict CSP page</title>
    <script src="/__e2e/page-recorder.js"></script>
    <script type="module" src="/dist/custom-auth-login.js"></script>
  </head>
  <body>
    <custom-auth-login
      user-pool-id="${cognito.userPoolId}"
      user-pool-client-id="${cognito.clientId}"
      user-pool-endpoint="${cognito.url}"${noShadow ? ' no-shadow' : ''}
    ></custom-auth-login>
  </body>
</html>
`;
}

async function readIfPresent(file: URL): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/** The endpoints, once the server has started them. */
interface Endpoints {
  readonly main: LocalCognito;
  readonly shortSession: LocalCognito;
  readonly limited: LocalCognito;
  readonly userAuthOnly: LocalCognito;
}

async function e2eConfig({ main, shortSession, limited, userAuthOnly }: Endpoints): Promise<E2eConfig> {
  const bundle = await readIfPresent(bundleFile);
  return {
    userPoolId: main.userPoolId,
    clientId: main.clientId,
    endpoint: main.url,
    shortSessionEndpoint: shortSession.url,
    shortSessionSeconds: SHORT_SESSION_SECONDS,
    shortLinkSeconds: SHORT_LINK_SECONDS,
    limitedEndpoint: limited.url,
    limitedFailuresPerHour: LIMITED_FAILURES_PER_HOUR,
    userAuthOnlyEndpoint: userAuthOnly.url,
    maxAttempts: MAX_ATTEMPTS,
    userAuthFirstFactors: USER_AUTH_FIRST_FACTORS,
    // Empty when the bundle is missing; the script-tag test then says to build it.
    bundleSha256: bundle ? createHash('sha256').update(bundle).digest('hex') : '',
  };
}

/** The plugin that runs the endpoints and the middleware that serves the routes above; use both. */
export function localCognitoE2e(): { plugin: TestRunnerPlugin; middleware: Middleware } {
  let endpoints: Endpoints | undefined;
  // Codes are read from the inbox; only what signals a problem is worth showing next to the test results.
  const log = (line: string) => {
    if (!line.startsWith('code ')) console.error(`[local-cognito] ${line}`);
  };
  // The specs sign the same users in many times a minute; the limits get their own endpoint.
  const triggerEnv = { ...RELAXED_LIMITS_ENV, MAX_ATTEMPTS: String(MAX_ATTEMPTS) };

  const plugin: TestRunnerPlugin = {
    name: 'local-cognito',
    async serverStart({ config }) {
      // Sign-in links point at the test runner's own script-tag page, so a spec can fetch one as a scanner would.
      const linkPages = { LINK_PAGES: `http://localhost:${config.port}/__e2e/script-tag.html` };
      const [main, shortSession, limited, userAuthOnly] = await Promise.all([
        // The main and limited pools take sign-ups; the short-session pool does not. The main pool also signs in
        // with Cognito's own USER_AUTH (auth-flow="user-auth"): codes by email and text message, and passkeys for
        // the test runner's pages on localhost, the relying party's default.
        start({
          port: 0,
          triggerEnv: { ...triggerEnv, ...linkPages },
          log,
          selfSignUp: true,
          userAuth: { firstFactors: USER_AUTH_FIRST_FACTORS },
        }),
        start({
          port: 0,
          triggerEnv: { ...triggerEnv, ...linkPages, LINK_LIFETIME_SECONDS: String(SHORT_LINK_SECONDS) },
          log,
          sessionTtlSeconds: SHORT_SESSION_SECONDS,
        }),
        start({
          port: 0,
          log,
          selfSignUp: true,
          triggerEnv: { MAX_ATTEMPTS: String(MAX_ATTEMPTS), FAILURES_PER_HOUR: String(LIMITED_FAILURES_PER_HOUR) },
        }),
        // A pool with Cognito's own passwordless sign-in alone (no custom triggers): Cognito confirms a sign-up
        // with its own emailed code, and its session signs the new user in.
        start({
          port: 0,
          log,
          selfSignUp: true,
          customAuth: false,
          userAuth: { firstFactors: ['EMAIL_OTP'] },
          triggerEnv,
        }),
      ]);
      endpoints = { main, shortSession, limited, userAuthOnly };
    },
    async serverStop() {
      await Promise.all(
        [endpoints?.main, endpoints?.shortSession, endpoints?.limited, endpoints?.userAuthOnly].map((e) => e?.close()),
      );
      endpoints = undefined;
    },
  };

  const middleware: Middleware = async (ctx, next) => {
    if (ctx.method !== 'GET' || !endpoints) return next();
    ctx.set('cache-control', 'no-store');
    if (ctx.path === '/__e2e/config.json') {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(await e2eConfig(endpoints));
    } else if (ctx.path === '/__e2e/script-tag.html') {
      ctx.type = 'text/html; charset=utf-8';
      const lang = String(ctx.query['lang'] ?? '');
      const storage = String(ctx.query['storage'] ?? '');
      // `passwordless`: an element with `auth-flow="user-auth"` and `sign-up` on the USER_AUTH-only pool.
      const passwordless = 'passwordless' in ctx.query;
      const build = String(ctx.query['build'] ?? '');
      ctx.body = scriptTagPage(
        passwordless ? endpoints.userAuthOnly : endpoints.main,
        languageTag.test(lang) ? lang : 'en',
        ['local', 'session', 'cookie'].includes(storage) ? storage : '',
        passwordless,
        /^\/[\w/-]*\/dist\/$/.test(build) ? build : undefined,
      );
    } else if (ctx.path === '/__e2e/strict-csp.html') {
      ctx.type = 'text/html; charset=utf-8';
      ctx.set('content-security-policy', strictPolicy(endpoints.main.url));
      ctx.body = strictCspPage(endpoints.main, 'no-shadow' in ctx.query);
    } else if (ctx.path === '/__e2e/page-recorder.js') {
      ctx.type = 'text/javascript; charset=utf-8';
      ctx.body = pageRecorder;
    } else if (builtFile.test(ctx.path)) {
      const body = await readIfPresent(new URL(ctx.path.slice(1), repoRoot));
      ctx.status = body ? 200 : 404;
      ctx.type = ctx.path.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8';
      ctx.body = body ?? 'not built: run `npm run build`';
    } else {
      return next();
    }
  };

  return { plugin, middleware };
}
