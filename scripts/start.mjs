// `npm start`: the whole product on one machine, no AWS account needed. Starts the local Cognito-compatible
// endpoint with the demo users, serves the demo page and the script-tag bundle, builds the bundle, and prints
// where to go. Ctrl-C (SIGINT) or SIGTERM stops everything.
//
//   PORT=8000 COGNITO_PORT=9229 npm start
//
// Both ports are taken before the build starts, so a port conflict is reported at once rather than after it.
// Until the build is done the page port answers every request with a short "building…" page (503) that reloads
// itself, so a browser opened early never gets a page without its bundle.
import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { createAccessTokenVerifier, createDemoApi } from './demo-api.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What the static server sends each file type as; anything else is not served. */
const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** URL prefix → folder it is served from. The longest matching prefix wins. */
const mounts = [
  { prefix: '/dist/', dir: join(root, 'dist') },
  { prefix: '/', dir: join(root, 'demo') },
];

/** A user-facing failure: printed as one line, exit code 1. */
class StartError extends Error {}

/** Reads a port from the environment, or the default; anything but a whole number 0–65535 is a StartError. */
function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65_535)
    throw new StartError(`${name} must be a port number (0-65535), got "${raw}"`);
  return port;
}

function portInUse(port, variable) {
  return new StartError(
    `port ${port} is already in use; set ${variable} to a free port, e.g. ${variable}=${port + 1} npm start`,
  );
}

/**
 * Starts the local endpoint in this process: tsx's loader runs its TypeScript without a compile step. Its code
 * emails carry sign-in links to the demo page (unless LINK_PAGES says otherwise, or the page's port is not known
 * in advance).
 */
async function startEndpoint(port, pagePort) {
  const { start } = await tsImport('../backend/local-cognito/server.ts', import.meta.url);
  const linkPages = process.env.LINK_PAGES ?? (pagePort ? `http://localhost:${pagePort}/` : '');
  try {
    // The demo shows sign-up too, so its pool takes them; and Cognito's own passwordless (?flow=user-auth), so its
    // pool allows USER_AUTH with codes and passkeys. Passkeys belong to localhost, the host the page is opened on.
    return await start({
      port,
      selfSignUp: true,
      userAuth: { firstFactors: ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'], relyingPartyId: 'localhost' },
      log: (line) => console.log(`[cognito] ${line}`),
      triggerEnv: { LINK_PAGES: linkPages },
    });
  } catch (error) {
    if (error.code === 'EADDRINUSE') throw portInUse(port, 'COGNITO_PORT');
    throw error;
  }
}

/**
 * Maps a request path to a file inside one of the mounts, or undefined. Paths are decoded first, so an encoded
 * `..` cannot climb out; the resolved file must still lie inside the mount's folder.
 */
function fileFor(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const mount = mounts.find(({ prefix }) => decoded.startsWith(prefix));
  if (!mount) return undefined;
  const relative = decoded.slice(mount.prefix.length) || 'index.html';
  const file = resolve(mount.dir, relative);
  return file.startsWith(mount.dir + sep) ? file : undefined;
}

/**
 * The page as a user would write it, with the endpoint attribute pointed at the endpoint actually running
 * (its port follows COGNITO_PORT). Nothing else of the page changes.
 */
function withEndpoint(html, endpointUrl) {
  return html.replace(/user-pool-endpoint="[^"]*"/g, `user-pool-endpoint="${endpointUrl}"`);
}

/** What the page port answers while the bundle is being built: it reloads itself every two seconds. */
const buildingPage = `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta http-equiv="refresh" content="2">
<title>Building… custom-auth-login demo</title>
<p>Building the bundle… This page reloads by itself when the demo is ready.</p>
`;

/**
 * The demo's page server. `isBuilt()` says whether the build has finished; until then it answers "building".
 * `api` answers the page's API routes (scripts/demo-api.mjs) and says whether it did.
 */
function createDemoServer(endpointUrl, isBuilt, api) {
  return createServer(async (req, res) => {
    const reply = (status, body, type = 'text/plain; charset=utf-8', headers = {}) => {
      res.writeHead(status, {
        'content-type': type,
        'content-length': Buffer.byteLength(body),
        'x-content-type-options': 'nosniff',
        // The bundle is rebuilt at every start: never let the browser keep an old one.
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    try {
      if (await api(req, res)) return;
      if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'Method not allowed\n');
      if (!isBuilt()) return reply(503, buildingPage, contentTypes['.html'], { 'retry-after': '2' });
      const { pathname } = new URL(req.url ?? '/', 'http://demo');
      const file = fileFor(pathname);
      const type = file && contentTypes[extname(file)];
      if (!type || !(await stat(file).catch(() => undefined))?.isFile()) return reply(404, 'Not found\n');
      const body = await readFile(file);
      if (extname(file) === '.html') return reply(200, withEndpoint(body.toString('utf8'), endpointUrl), type);
      return reply(200, body, type);
    } catch {
      // A request URL the parser refuses, or a file that vanished between stat and read.
      if (!res.headersSent) reply(400, 'Bad request\n');
    }
  });
}

function listen(server, port) {
  return new Promise((resolvePromise, reject) => {
    server.once('error', (error) => reject(error.code === 'EADDRINUSE' ? portInUse(port, 'PORT') : error));
    server.listen(port, '127.0.0.1', () => resolvePromise(server.address().port));
  });
}

/**
 * Runs the package's own build script, so a change to how the bundle is built needs no change here.
 * `running` receives the child process so that a stop signal during the build can end it too.
 */
function build(running) {
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm, 'run', 'build']] : ['npm', ['run', 'build']];
  return new Promise((resolvePromise, reject) => {
    // Its own process group, so that stopping ends npm's children (the shell, rollup, tsc) too, not only npm.
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    running(child);
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolvePromise()
        : reject(new StartError(`the build failed (${signal ?? `exit code ${code}`}); see above`)),
    );
  });
}

function printWelcome(pageUrl, endpoint) {
  console.log(`
custom-auth-login demo is running.

  Page:            ${pageUrl}   (add ?flow=custom-with-srp for password + code,
                   ?flow=user-auth for Cognito's own codes and passkeys; passkeys need localhost)
  Local Cognito:   ${endpoint.url}   (pool ${endpoint.userPoolId}, client ${endpoint.clientId})

  Demo users:      alice@example.com   passwordless: username, then the emailed code
                   bob@example.com     password Correct-Horse-42, then the code (his
                                       custom:sign_in_factors says password-and-code)
                   erin@example.com    passwordless, with a phone number for text-message codes
                                       (?flow=user-auth)

  Limits as deployed: one code per user every 30 s, 5 per 15 min, 20 a day; 10 wrong
  codes an hour lock the user for 15 min. Restarting the demo forgets them.

  Codes are not emailed: they appear below as "[cognito] code … sent to …" and in the page's
  "Development inbox" panel. Press Ctrl-C to stop.
`);
}

async function main() {
  const port = portFromEnv('PORT', 8000);
  const cognitoPort = portFromEnv('COGNITO_PORT', 9229);

  const endpoint = await startEndpoint(cognitoPort, port);
  let built = false;
  // The page's API verifies access tokens the way a host application's server would (scripts/demo-api.mjs).
  const discoveryUrl = `${endpoint.url}${endpoint.userPoolId}/.well-known/openid-configuration`;
  const api = createDemoApi(createAccessTokenVerifier({ discoveryUrl, clientId: endpoint.clientId }));
  const server = createDemoServer(endpoint.url, () => built, api);
  let builder;
  const stopAll = async () => {
    let buildEnded;
    if (builder && builder.exitCode === null && builder.signalCode === null) {
      // Waited for, so that the build has put dist/ back in order before this process says it stopped.
      buildEnded = new Promise((done) => builder.once('exit', done));
      try {
        process.kill(-builder.pid, 'SIGTERM');
      } catch {
        builder.kill();
      }
    }
    server.closeAllConnections();
    await Promise.all([new Promise((done) => server.close(() => done())), endpoint.close(), buildEnded]);
  };

  let stopping = false;
  const onSignal = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the demo server and the local endpoint`);
    void stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const servedPort = await listen(server, port);
    console.log(`Building the bundle; http://localhost:${servedPort}/ says "building" until it is done.`);
    await build((child) => (builder = child));
    built = true;
    printWelcome(`http://localhost:${servedPort}/`, endpoint);
  } catch (error) {
    // A build ended by a stop signal is not a failure: the signal's listener finishes the stop.
    if (stopping) return;
    await stopAll();
    throw error;
  }
}

main().catch((error) => {
  console.error(`npm start: ${error instanceof StartError ? error.message : (error?.stack ?? error)}`);
  process.exit(1);
});
