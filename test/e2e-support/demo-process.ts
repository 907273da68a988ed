/**
 * Runs `scripts/start.mjs` (what `npm start` runs) as a child process, the way a developer would, and reports
 * the URLs it prints. Used by the start script's tests and by the screenshot script.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A finished run of the start script. */
export interface DemoExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Everything it printed, stdout and stderr interleaved. */
  readonly output: string;
}

/**
 * How long a start may take before it counts as hung: the build alone took over two minutes on a 2-core machine
 * shared with other builds.
 */
const buildTimeoutMs = 300_000;

/** A running start script. */
export interface DemoProcess {
  readonly child: ChildProcess;
  /** The demo page, as printed (`http://localhost:<PORT>/`). */
  readonly pageUrl: string;
  /** The local endpoint, as printed (`http://127.0.0.1:<COGNITO_PORT>/`). */
  readonly endpointUrl: string;
  /** What it printed so far. */
  output(): string;
  /** Sends `signal` and resolves when the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<DemoExit>;
}

/** Spawns the start script, collecting what it prints. */
function spawnStartScript(env: Record<string, string>) {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<DemoExit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, output: () => output, exited };
}

/**
 * Starts the start script with the given environment (e.g. `{ PORT: '0', COGNITO_PORT: '0' }` for free ports)
 * and waits until it says the demo is running. Rejects with its output when it exits first.
 */
export function startDemo(env: Record<string, string>, timeoutMs = buildTimeoutMs): Promise<DemoProcess> {
  const { child, output, exited } = spawnStartScript(env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`start script not ready after ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const onData = () => {
      const pageUrl = /Page:\s+(http:\S+)/.exec(output())?.[1];
      const endpointUrl = /Local Cognito:\s+(http:\S+)/.exec(output())?.[1];
      if (!pageUrl || !endpointUrl) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve({
        child,
        pageUrl,
        endpointUrl,
        output,
        stop(signal = 'SIGINT') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`start script exited (${signal ?? code}) before it was ready:\n${output()}`));
    });
  });
}

/** Runs the start script to its end, for runs that are expected to stop by themselves (e.g. a port in use). */
export async function runDemoToExit(env: Record<string, string>, timeoutMs = 60_000): Promise<DemoExit> {
  const { child, output, exited } = spawnStartScript(env);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const result = await exited;
  clearTimeout(timer);
  if (result.signal === 'SIGKILL') throw new Error(`start script still running after ${timeoutMs} ms:\n${output()}`);
  return result;
}

/** A start script caught while its build runs. */
export interface BuildingDemo {
  /** The page URL it announced before building (`http://localhost:<PORT>/`). */
  readonly pageUrl: string;
  /** What it printed so far. */
  output(): string;
  /** Sends `signal` and resolves when the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<DemoExit>;
}

/**
 * Starts the start script and resolves once its build is under way: the page URL is announced and rollup has
 * begun on the bundle (its `src/custom-auth-login.ts → …` line). Rejects with its output when it exits first.
 */
export function startDemoBuilding(env: Record<string, string>, timeoutMs = buildTimeoutMs): Promise<BuildingDemo> {
  const { child, output, exited } = spawnStartScript(env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`start script did not start building within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    const onData = () => {
      const pageUrl = /Building the bundle; (http:\S+) /.exec(output())?.[1];
      if (!pageUrl || !/src\/custom-auth-login\.ts[^\n]*→/.test(output())) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      resolve({
        pageUrl,
        output,
        stop(signal = 'SIGINT') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`start script exited (${signal ?? code}) before its build was under way:\n${output()}`));
    });
  });
}
