/**
 * A real KMS protocol server for the tests of the KMS link signer: `moto_server` (Python moto), started once per
 * test file on a free loopback port. It creates real ECC keys and makes real ECDSA signatures, so the signer runs
 * the very KMS calls it makes in Lambda. There is no JavaScript KMS server to use instead, so these tests need
 * moto installed: they fail, saying so, rather than skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before } from 'node:test';
import { CreateKeyCommand, KMSClient, type KeySpec } from '@aws-sdk/client-kms';
import { LINK_SIGNING_CLIENT_CONFIG } from '../../../backend/triggers/kms-link-signer.ts';

const MOTO_NEEDED =
  'The KMS tests need moto_server (Python moto with its server extra): `apt-get install python3-moto` or ' +
  '`pip install "moto[server]"`, or set MOTO_SERVER to its path.';

/**
 * Where moto_server is: `MOTO_SERVER`, then `PATH`, then pyenv's shims (a pyenv install is not on the `PATH` of a
 * non-interactive shell, such as CI's).
 */
export function findMotoServer(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [
    ...(env.MOTO_SERVER ? [env.MOTO_SERVER] : []),
    ...(env.PATH ?? '')
      .split(delimiter)
      .filter(Boolean)
      .map((dir) => join(dir, 'moto_server')),
    join(env.PYENV_ROOT ?? join(homedir(), '.pyenv'), 'shims', 'moto_server'),
    join(homedir(), '.local', 'bin', 'moto_server'),
  ];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there; try the next place
    }
  }
  throw new Error(`${MOTO_NEEDED} Looked in: ${candidates.join(', ')}`);
}

/** A port nobody listens on right now (and, closed at once, a port where connections are refused). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Fixed dummy credentials: moto does not check them, but the SDK signs every request. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** A KMS client for `endpoint` with the signer's own timeouts and retries, counting the commands it sends. */
export function countingKmsClient(endpoint: string) {
  const client = new KMSClient({
    ...LINK_SIGNING_CLIENT_CONFIG,
    endpoint,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
  });
  const calls: string[] = [];
  client.middlewareStack.add(
    (next, context) => (args) => {
      calls.push(context.commandName!.replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  return { client, calls };
}

/** Starts moto_server for the current test file (call at the top level). */
export function useLocalKms() {
  let child: ChildProcess | undefined;
  let endpoint = '';
  let admin: KMSClient | undefined;
  before(async () => {
    const command = findMotoServer();
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}`;
    let output = '';
    // A process group of its own, so stopping it stops whatever the launcher (a pyenv shim) started.
    child = spawn(command, ['-H', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code) => reject(new Error(`moto_server exited (${code}) before answering:\n${output}`))),
    );
    exited.catch(() => {});
    const deadline = Date.now() + 30_000;
    for (;;) {
      const up = await Promise.race([
        fetch(`${endpoint}/moto-api/`).then(
          () => true,
          () => false,
        ),
        exited,
      ]);
      if (up) break;
      if (Date.now() > deadline) throw new Error(`moto_server did not answer on ${endpoint} within 30 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    admin = new KMSClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
  });
  after(() => {
    admin?.destroy();
    if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  });
  return {
    /** `http://127.0.0.1:<port>`. */
    endpoint: () => endpoint,
    /** Creates a signing key (the stack's kind unless told otherwise); its ARN. */
    async createKey(keySpec: KeySpec = 'ECC_NIST_P256'): Promise<string> {
      const { KeyMetadata } = await admin!.send(new CreateKeyCommand({ KeySpec: keySpec, KeyUsage: 'SIGN_VERIFY' }));
      return KeyMetadata!.Arn!;
    },
    /** The administrator's client (not counted), for checks beside the signer's. */
    admin: () => admin!,
  };
}
