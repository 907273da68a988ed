/**
 * Plays a scripted attacker against the local endpoint (loopback only, every loop bounded) and measures what
 * the limits let through, what a sign-in costs with them, and whether anything answered with a 5xx.
 *   npx tsx backend/local-cognito/attack-benchmark.ts [runs]
 * Each part starts its own endpoint with the real triggers and the limits in dynalite.
 */
import { performance } from 'node:perf_hooks';
import { cognitoRequest, fetchMessages, type RawResponse } from './dev-client.ts';
import { start, type LocalCognito, type StartOptions } from './server.ts';

const runs = Number(process.argv[2] ?? 25);
let statuses: number[] = [];

async function call(server: LocalCognito, operation: string, body: unknown): Promise<RawResponse> {
  const response = await cognitoRequest(server.url, operation, body);
  statuses.push(response.status);
  return response;
}

const initiate = (server: LocalCognito, username: string) =>
  call(server, 'InitiateAuth', {
    AuthFlow: 'CUSTOM_AUTH',
    ClientId: server.clientId,
    AuthParameters: { USERNAME: username },
  });

const answer = (server: LocalCognito, session: string, username: string, code: string) =>
  call(server, 'RespondToAuthChallenge', {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ClientId: server.clientId,
    Session: session,
    ChallengeResponses: { USERNAME: username, ANSWER: code },
  });

const body = (response: RawResponse) => response.body as { Session?: string; message?: string; __type?: string };
const refused = (response: RawResponse) => /TooManyAttempts/.test(body(response).message ?? '');

async function withEndpoint<T>(options: StartOptions, run: (server: LocalCognito) => Promise<T>): Promise<T> {
  const server = await start({ port: 0, log: () => {}, ...options });
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

/** Guesses wrong codes for one user across up to `sessions` sign-ins; counts the answers that were compared. */
async function guess(server: LocalCognito, username: string, sessions: number) {
  let compared = 0;
  let refusals = 0;
  for (let i = 0; i < sessions; i++) {
    const challenge = await initiate(server, username);
    if (challenge.status !== 200) {
      refusals += refused(challenge) ? 1 : 0;
      continue;
    }
    let session = body(challenge).Session!;
    for (let round = 0; round < 3; round++) {
      const reply = await answer(server, session, username, '000000');
      if (refused(reply)) {
        refusals++;
        break;
      }
      compared++;
      if (reply.status !== 200) break;
      session = body(reply).Session!;
    }
  }
  return { compared, refusals };
}

function spread(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  return `median ${at(0.5)} ms, p10 ${at(0.1)}, p90 ${at(0.9)}, min ${sorted[0]!.toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)} (n=${sorted.length})`;
}

async function main() {
  const users = Array.from({ length: runs + 1 }, (_, i) => ({
    username: `user${i}@example.com`,
    email: `user${i}@example.com`,
  }));

  console.log('Guesses compared for one user, 50 sessions x 3 wrong answers, as fast as possible:');
  for (const [label, env] of [
    ['default limits', {}],
    ['no gap between codes, 1000 codes per 15 min', { SEND_GAP_SECONDS: '0', SENDS_PER_15_MINUTES: '1000' }],
  ] as const) {
    const result = await withEndpoint({ users, triggerEnv: env }, (server) => guess(server, 'user0@example.com', 50));
    console.log(`  ${label.padEnd(48)} compared ${result.compared}, refused ${result.refusals}`);
  }

  console.log('Codes sent to one user for 20 InitiateAuth calls:');
  for (const [label, env] of [
    ['default limits', {}],
    ['no gap between codes', { SEND_GAP_SECONDS: '0' }],
  ] as const) {
    for (const mode of ['sequential', 'concurrent'] as const) {
      const sent = await withEndpoint({ users, triggerEnv: env }, async (server) => {
        if (mode === 'sequential') for (let i = 0; i < 20; i++) await initiate(server, 'user0@example.com');
        else await Promise.all(Array.from({ length: 20 }, () => initiate(server, 'user0@example.com')));
        return (await fetchMessages(server.url)).length;
      });
      console.log(`  ${`${label}, ${mode}`.padEnd(48)} sent ${sent}`);
    }
  }

  for (const floor of ['0', '25', '400']) {
    const samples = await withEndpoint({ users, triggerEnv: { CREATE_MIN_DURATION_MS: floor } }, async (server) => {
      const durations: number[] = [];
      // One warm-up sign-in (module loading, first table write), then one per user: each user's limits apply.
      for (let i = 0; i <= runs; i++) {
        const username = `user${i}@example.com`;
        const began = performance.now();
        const challenge = await initiate(server, username);
        const code = (await fetchMessages(server.url)).filter((message) => message.username === username).at(-1)!.code;
        const done = await answer(server, body(challenge).Session!, username, code);
        if (done.status !== 200) throw new Error(`sign-in ${i} failed: ${JSON.stringify(done.body)}`);
        if (i > 0) durations.push(performance.now() - began);
      }
      return durations;
    });
    console.log(`Sign-in over HTTP with the limits (Create floor ${floor} ms): ${spread(samples)}`);
  }

  // A hostile run: everything above plus malformed calls, then count server errors across all of it.
  await withEndpoint({ users }, async (server) => {
    for (let i = 0; i < 50; i++) {
      await call(server, 'InitiateAuth', '{not json');
      await call(server, 'InitiateAuth', { AuthFlow: 'CUSTOM_AUTH', ClientId: server.clientId, AuthParameters: {} });
      await call(server, 'RespondToAuthChallenge', {
        ChallengeName: 'CUSTOM_CHALLENGE',
        ClientId: server.clientId,
        Session: 'x'.repeat(i * 10),
        ChallengeResponses: { USERNAME: 'user0@example.com', ANSWER: '\u0000'.repeat(i) },
      });
      await initiate(server, `NoBody${i}@Example.com`);
    }
    await Promise.all(Array.from({ length: 100 }, (_, i) => initiate(server, `user${i % 5}@example.com`)));
  });
  const serverErrors = statuses.filter((status) => status >= 500).length;
  console.log(`Hostile run: ${statuses.length} calls, ${serverErrors} answered 5xx`);
  statuses = [];
}

await main();
