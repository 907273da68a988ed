/**
 * Measures the local endpoint: the server's SRP work (OpenSSL-backed versus plain BigInt), a passwordless
 * sign-in over HTTP, and complete Amplify v6 sign-ins in Node, with and without SRP.
 *   npx tsx backend/local-cognito/benchmark.ts [iterations]
 * Prints the median and spread (10th–90th percentile, min, max) of each, in milliseconds.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';
import { cognitoRequest, latestCode } from './dev-client.ts';
import { RELAXED_LIMITS_ENV, start } from './server.ts';
import { issuePasswordChallenge } from './password-verifier.ts';
import { N, createPasswordVerifier, g, modPowN, sessionKey } from './srp.ts';

const iterations = Number(process.argv[2] ?? 30);

async function measure(name: string, run: () => Promise<unknown> | unknown) {
  await run(); // warm-up: module loading and JIT are not what is measured
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const began = performance.now();
    await run();
    samples.push(performance.now() - began);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!.toFixed(2);
  console.log(
    `${name.padEnd(46)} median ${at(0.5).padStart(8)}  p10 ${at(0.1).padStart(8)}  p90 ${at(0.9).padStart(8)}` +
      `  min ${samples[0]!.toFixed(2).padStart(8)}  max ${samples.at(-1)!.toFixed(2).padStart(8)}`,
  );
}

function bigIntModPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  for (base %= N; exponent > 0n; exponent >>= 1n) {
    if (exponent & 1n) result = (result * base) % N;
    base = (base * base) % N;
  }
  return result;
}

const exponent = () => BigInt(`0x${randomBytes(64).toString('hex')}`);
console.log(`${iterations} iterations each (ms)`);
await measure('g^b mod N, 512-bit b, OpenSSL', () => modPowN(g, exponent()));
await measure('g^b mod N, 512-bit b, BigInt', () => bigIntModPow(g, exponent()));
const verifier = createPasswordVerifier('devpool', 'bob@example.com', 'Correct-Horse-42');
const clientA = modPowN(g, BigInt(`0x${randomBytes(128).toString('hex')}`));
await measure('server SRP work per sign-in (B, then S and K)', () => {
  const { state } = issuePasswordChallenge({
    userId: 'bob@example.com',
    A: clientA,
    passwordVerifier: verifier,
    decoySecret: randomBytes(32),
  });
  return sessionKey(state.handshake, state.verifier);
});

ConsoleLogger.LOG_LEVEL = 'ERROR';
// The same user signs in many times a second here: the limits would refuse all but the first code.
const server = await start({ port: 0, log: () => {}, triggerEnv: RELAXED_LIMITS_ENV });
try {
  await measure('passwordless sign-in over HTTP (2 calls)', async () => {
    const challenge = await cognitoRequest(server.url, 'InitiateAuth', {
      AuthFlow: 'CUSTOM_AUTH',
      ClientId: server.clientId,
      AuthParameters: { USERNAME: 'alice@example.com' },
    });
    const { Session } = challenge.body as { Session: string };
    const answer = server.inbox.list().at(-1)!.code;
    await cognitoRequest(server.url, 'RespondToAuthChallenge', {
      ClientId: server.clientId,
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session,
      ChallengeResponses: { USERNAME: 'alice@example.com', ANSWER: answer },
    });
  });

  Amplify.configure({
    Auth: {
      Cognito: { userPoolId: server.userPoolId, userPoolClientId: server.clientId, userPoolEndpoint: server.url },
    },
  });
  const amplifySignIn = (username: string, password?: string) => async () => {
    const authFlowType = password ? 'CUSTOM_WITH_SRP' : 'CUSTOM_WITHOUT_SRP';
    await signIn({ username, ...(password ? { password } : {}), options: { authFlowType } });
    await confirmSignIn({ challengeResponse: await latestCode(server.url, username) });
    await signOut();
  };
  await measure('Amplify sign-in + sign-out, CUSTOM_WITHOUT_SRP', amplifySignIn('alice@example.com'));
  await measure('Amplify sign-in + sign-out, CUSTOM_WITH_SRP', amplifySignIn('bob@example.com', 'Correct-Horse-42'));
} finally {
  await server.close();
}
