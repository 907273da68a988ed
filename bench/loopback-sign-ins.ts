/**
 * How many complete sign-ins per second the local endpoint serves on loopback, for both flows, with several
 * clients signing in at once. Each client is a raw Cognito client (no SDK) for a user of its own, reading its
 * codes from the endpoint's inbox; the SRP client does the same maths as Amplify with the endpoint's own SRP
 * helpers. Clients and endpoint share one Node process, so the figures are a floor for the endpoint alone.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { cognitoRequest } from '../backend/local-cognito/dev-client.ts';
import type { LocalCognito } from '../backend/local-cognito/server.ts';
import {
  N,
  deriveKey,
  formatTimestamp,
  g,
  hashHex,
  k,
  modPowN,
  padHex,
  passwordClaimSignature,
  passwordExponent,
  toBigIntFromBytes,
} from '../backend/local-cognito/srp.ts';

export type Flow = 'CUSTOM_WITHOUT_SRP' | 'CUSTOM_WITH_SRP';

interface ChallengeAnswer {
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  Session?: string;
  AuthenticationResult?: { AccessToken?: string };
}

/** A Cognito call that must succeed; the endpoint's error otherwise. */
async function call(server: LocalCognito, operation: string, body: unknown): Promise<ChallengeAnswer> {
  const response = await cognitoRequest(server.url, operation, body);
  if (response.status !== 200)
    throw new Error(`${operation} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as ChallengeAnswer;
}

/** Answers the PASSWORD_VERIFIER challenge the way Amplify does; returns the next challenge. */
async function provePassword(
  server: LocalCognito,
  a: bigint,
  A: bigint,
  password: string,
  challenge: ChallengeAnswer,
): Promise<ChallengeAnswer> {
  const { SRP_B, SALT, SECRET_BLOCK, USER_ID_FOR_SRP } = challenge.ChallengeParameters ?? {};
  if (!SRP_B || !SALT || !SECRET_BLOCK || !USER_ID_FOR_SRP) throw new Error('no password verifier challenge');
  const poolName = server.userPoolId.split('_')[1]!;
  const B = BigInt(`0x${SRP_B}`);
  const u = BigInt(`0x${hashHex(padHex(A) + padHex(B))}`);
  const x = passwordExponent(SALT, poolName, USER_ID_FOR_SRP, password);
  const base = (((B - k * modPowN(g, x)) % N) + N) % N;
  const key = deriveKey(modPowN(base, a + u * x), u);
  const timestamp = formatTimestamp(new Date());
  return call(server, 'RespondToAuthChallenge', {
    ChallengeName: 'PASSWORD_VERIFIER',
    ClientId: server.clientId,
    Session: challenge.Session,
    ChallengeResponses: {
      USERNAME: USER_ID_FOR_SRP,
      PASSWORD_CLAIM_SECRET_BLOCK: SECRET_BLOCK,
      TIMESTAMP: timestamp,
      PASSWORD_CLAIM_SIGNATURE: passwordClaimSignature(key, poolName, USER_ID_FOR_SRP, SECRET_BLOCK, timestamp),
    },
  });
}

/** One complete sign-in of `username`, ending with tokens; throws otherwise. */
export async function signInOnce(server: LocalCognito, flow: Flow, username: string, password: string): Promise<void> {
  let challenge: ChallengeAnswer;
  if (flow === 'CUSTOM_WITH_SRP') {
    const a = toBigIntFromBytes(randomBytes(64));
    const A = modPowN(g, a);
    const verifier = await call(server, 'InitiateAuth', {
      AuthFlow: 'CUSTOM_AUTH',
      ClientId: server.clientId,
      AuthParameters: { USERNAME: username, SRP_A: A.toString(16), CHALLENGE_NAME: 'SRP_A' },
    });
    challenge = await provePassword(server, a, A, password, verifier);
  } else {
    challenge = await call(server, 'InitiateAuth', {
      AuthFlow: 'CUSTOM_AUTH',
      ClientId: server.clientId,
      AuthParameters: { USERNAME: username },
    });
  }
  const code = server.inbox
    .list()
    .filter((message) => message.to === username)
    .at(-1)?.code;
  if (challenge.ChallengeName !== 'CUSTOM_CHALLENGE' || !code) throw new Error(`no code challenge for ${username}`);
  const done = await call(server, 'RespondToAuthChallenge', {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ClientId: server.clientId,
    Session: challenge.Session,
    ChallengeResponses: { USERNAME: username, ANSWER: code },
  });
  if (!done.AuthenticationResult?.AccessToken) throw new Error(`no tokens for ${username}`);
}

/** The users the clients sign in as: one per client, each with a password so both flows work. */
export function benchUsers(clients: number, password: string) {
  return Array.from({ length: clients }, (_, index) => {
    const username = `bench-${index + 1}@example.com`;
    // The pool signs in with email; `username` is what the clients type, the pool generates its own.
    return { username, email: username, password };
  });
}

/**
 * Sign-ins per second of `clients` concurrent clients, each signing in `perClient` times one after the other.
 */
export async function signInsPerSecond(
  server: LocalCognito,
  flow: Flow,
  users: ReadonlyArray<{ username: string; password: string }>,
  perClient: number,
): Promise<number> {
  const began = performance.now();
  await Promise.all(
    users.map(async ({ username, password }) => {
      for (let i = 0; i < perClient; i++) await signInOnce(server, flow, username, password);
    }),
  );
  return (users.length * perClient) / ((performance.now() - began) / 1000);
}
