/**
 * Command line of the local endpoint:
 *   npx tsx backend/local-cognito/cli.ts [--port N] [--users file.json] [--session-ttl seconds]
 *                                         [--host H] [--pool-id id] [--client-id id]
 *                                         [--cors-origin URL]... [--refresh-token-days N] [--max-sessions N]
 *                                         [--allow-user-srp-auth] [--self-sign-up] [--no-custom-auth]
 *                                         [--user-auth EMAIL_OTP,SMS_OTP,WEB_AUTHN,PASSWORD] [--relying-party-id host]
 *                                         [--webauthn-origin URL]... [--user-verification required|preferred]
 * The port also comes from COGNITO_PORT. Prints the endpoint URL, pool id and client id, then each code sent.
 */
import { parseArgs } from 'node:util';
import { start, type StartOptions } from './server.ts';
import { loadUsersFile } from './user-store.ts';
import { parseFirstFactors, type UserAuthOptions } from './user-auth-settings.ts';

const USAGE =
  'usage: npx tsx backend/local-cognito/cli.ts [--port N] [--users file.json] [--session-ttl seconds] ' +
  '[--host H] [--pool-id id] [--client-id id] [--cors-origin URL]... [--refresh-token-days N] ' +
  '[--max-sessions N] [--allow-user-srp-auth] [--self-sign-up] [--no-custom-auth] ' +
  '[--user-auth EMAIL_OTP,SMS_OTP,WEB_AUTHN,PASSWORD] ' +
  '[--relying-party-id host] [--webauthn-origin URL]... [--user-verification required|preferred]';

function fail(message: string): never {
  console.error(`local-cognito: ${message}`);
  process.exit(1);
}

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) fail(`${name} must be a whole number, got "${value}"`);
  return Number(value);
}

function positive(value: string, name: string): number {
  const number = integer(value, name)!;
  if (number < 1) fail(`${name} must be at least 1, got "${value}"`);
  return number;
}

function userAuthOptions(values: {
  'user-auth'?: string;
  'relying-party-id'?: string;
  'webauthn-origin'?: string[];
  'user-verification'?: string;
}): UserAuthOptions {
  let firstFactors;
  try {
    firstFactors = parseFirstFactors(values['user-auth']!);
  } catch (error) {
    fail(`--user-auth: ${(error as Error).message}`);
  }
  const verification = values['user-verification'];
  if (verification !== undefined && verification !== 'required' && verification !== 'preferred') {
    fail(`--user-verification must be required or preferred, got "${verification}"`);
  }
  return {
    firstFactors,
    ...(values['relying-party-id'] ? { relyingPartyId: values['relying-party-id'] } : {}),
    ...(values['webauthn-origin'] ? { webAuthnOrigins: values['webauthn-origin'] } : {}),
    ...(verification ? { userVerification: verification } : {}),
  };
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        users: { type: 'string' },
        'session-ttl': { type: 'string' },
        host: { type: 'string' },
        'pool-id': { type: 'string' },
        'client-id': { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        'refresh-token-days': { type: 'string' },
        'max-sessions': { type: 'string' },
        'allow-user-srp-auth': { type: 'boolean' },
        'self-sign-up': { type: 'boolean' },
        'no-custom-auth': { type: 'boolean' },
        'user-auth': { type: 'string' },
        'relying-party-id': { type: 'string' },
        'webauthn-origin': { type: 'string', multiple: true },
        'user-verification': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }

  const port =
    integer(values.port ?? (process.env.COGNITO_PORT || undefined), values.port ? '--port' : 'COGNITO_PORT') ?? 9229;
  const options: StartOptions = {
    port,
    ...(values.host ? { host: values.host } : {}),
    ...(values['pool-id'] ? { userPoolId: values['pool-id'] } : {}),
    ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
    ...(values['session-ttl'] ? { sessionTtlSeconds: integer(values['session-ttl'], '--session-ttl')! } : {}),
    ...(values['cors-origin'] ? { corsOrigins: values['cors-origin'] } : {}),
    ...(values['refresh-token-days']
      ? { refreshTokenDays: positive(values['refresh-token-days'], '--refresh-token-days') }
      : {}),
    ...(values['max-sessions'] ? { maxSessions: positive(values['max-sessions'], '--max-sessions') } : {}),
    ...(values['allow-user-srp-auth'] ? { userSrpAuth: true } : {}),
    ...(values['self-sign-up'] ? { selfSignUp: true } : {}),
    ...(values['no-custom-auth'] ? { customAuth: false } : {}),
    ...(values['user-auth'] ? { userAuth: userAuthOptions(values) } : {}),
  };
  if (
    !values['user-auth'] &&
    (values['relying-party-id'] || values['webauthn-origin'] || values['user-verification'])
  ) {
    fail('--relying-party-id, --webauthn-origin and --user-verification need --user-auth (the first factors)');
  }
  if (values['no-custom-auth'] && !values['user-auth']) {
    fail('--no-custom-auth needs --user-auth (the first factors): without either flow nobody could sign in');
  }

  let endpoint;
  try {
    const users = values.users ? await loadUsersFile(values.users) : undefined;
    endpoint = await start({ ...options, ...(users ? { users } : {}) });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'EADDRINUSE') fail(`port ${port} is already in use; choose another with --port N or COGNITO_PORT=N`);
    if (code === 'ENOENT') fail(`users file not found: ${values.users}`);
    fail(message);
  }

  console.log(`local Cognito endpoint: ${endpoint.url}`);
  console.log(`user pool id:           ${endpoint.userPoolId}`);
  console.log(`app client id:          ${endpoint.clientId}`);
  if (options.userAuth) {
    console.log(`USER_AUTH first factors: ${options.userAuth.firstFactors.join(', ')}`);
  }
  console.log(`codes:                  printed below and at ${endpoint.url}_dev/messages`);

  const stop = () => void endpoint.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
