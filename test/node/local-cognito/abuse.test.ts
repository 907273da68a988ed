/*
 * The endpoint as an attacker meets it: the real triggers, the limits in dynalite, raw HTTP calls in bounded
 * loops on loopback. Each suite starts its own endpoint so counts never carry over.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { cognitoRequest, fetchMessages, type RawResponse } from '../../../backend/local-cognito/dev-client.ts';
import {
  RELAXED_LIMITS_ENV,
  start,
  type LocalCognito,
  type StartOptions,
} from '../../../backend/local-cognito/server.ts';
import { UUID } from './shapes.ts';

const ALICE = 'alice@example.com';
const CAROL = 'carol@example.com';
const users = [
  { username: ALICE, email: ALICE },
  { username: CAROL, email: CAROL },
  { username: 'dave@example.com', email: 'dave@example.com', password: 'Dave-Password-1' },
];

function endpoint(options: StartOptions = {}) {
  const context = {} as { server: LocalCognito };
  before(async () => {
    context.server = await start({ port: 0, users, log: () => {}, ...options });
  });
  after(() => context.server.close());
  return context;
}

type Body = {
  __type?: string;
  message?: string;
  Session?: string;
  ChallengeName?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: unknown;
};

function initiate(server: LocalCognito, username: string): Promise<RawResponse> {
  return cognitoRequest(server.url, 'InitiateAuth', {
    AuthFlow: 'CUSTOM_AUTH',
    ClientId: server.clientId,
    AuthParameters: { USERNAME: username },
  });
}

function answer(server: LocalCognito, session: string, username: string, code: string): Promise<RawResponse> {
  return cognitoRequest(server.url, 'RespondToAuthChallenge', {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ClientId: server.clientId,
    Session: session,
    ChallengeResponses: { USERNAME: username, ANSWER: code },
  });
}

/** The codes the inbox holds for an address (usernames are UUIDs, so the address is what a test knows). */
async function messagesTo(server: LocalCognito, address: string) {
  return (await fetchMessages(server.url)).filter((message) => message.to === address);
}

const body = (response: RawResponse) => response.body as Body;
const refused = (response: RawResponse) =>
  response.status === 400 &&
  body(response).__type === 'UserLambdaValidationException' &&
  /TooManyAttempts retryAfterSeconds=\d+/.test(body(response).message ?? '');

async function signIn(server: LocalCognito, username: string): Promise<RawResponse> {
  const challenge = await initiate(server, username);
  assert.equal(challenge.status, 200, JSON.stringify(challenge.body));
  const code = (await messagesTo(server, username)).at(-1)!.code;
  return answer(server, body(challenge).Session!, body(challenge).ChallengeParameters!.USERNAME!, code);
}

/** A wrong code that is surely not the one sent (the sent one is read from the inbox). */
async function wrongCode(server: LocalCognito, username: string): Promise<string> {
  const sent = (await messagesTo(server, username)).at(-1)?.code;
  return sent === '000000' ? '111111' : '000000';
}

describe('local Cognito endpoint under attack', () => {
  describe('when a script guesses codes across many sessions', () => {
    // Sends are not what stops this attacker: only the cap on wrong answers (10 an hour, the default) does.
    const context = endpoint({ triggerEnv: { SEND_GAP_SECONDS: '0', SENDS_PER_15_MINUTES: '1000' } });

    it('stops evaluating answers after ten wrong ones, while another user signs in normally', async () => {
      const { server } = context;
      let evaluated = 0;
      let refusals = 0;
      for (let session = 0; session < 20 && refusals < 3; session++) {
        const challenge = await initiate(server, ALICE);
        if (refused(challenge)) {
          refusals++;
          continue;
        }
        let current = body(challenge).Session!;
        for (let round = 0; round < 3; round++) {
          const reply = await answer(server, current, ALICE, await wrongCode(server, ALICE));
          if (refused(reply)) {
            refusals++;
            break;
          }
          evaluated++;
          if (reply.status !== 200) break; // the sign-in failed after its third wrong answer
          current = body(reply).Session!;
        }
      }
      assert.equal(evaluated, 10);
      assert.ok(refusals > 0);

      const other = await signIn(server, CAROL);
      assert.equal(other.status, 200);
      assert.ok(body(other).AuthenticationResult);
    });

    it('refuses even the right code for the locked user, and says for how long', async () => {
      const { server } = context;
      const challenge = await initiate(server, ALICE);
      assert.ok(refused(challenge));
      assert.match(
        body(challenge).message!,
        /^CreateAuthChallenge failed with error TooManyAttempts retryAfterSeconds=\d+\.$/,
      );
      const seconds = Number(/retryAfterSeconds=(\d+)/.exec(body(challenge).message!)![1]);
      assert.ok(seconds > 800 && seconds <= 900, `${seconds} s`);
    });
  });

  describe('when a script asks for codes as fast as it can', () => {
    describe('with the default limits', () => {
      const context = endpoint();

      it('sends one code for 20 concurrent InitiateAuth calls (30 s between codes)', async () => {
        const { server } = context;
        const replies = await Promise.all(Array.from({ length: 20 }, () => initiate(server, ALICE)));
        const sent = await messagesTo(server, ALICE);
        assert.equal(sent.length, 1);
        assert.equal(replies.filter((reply) => reply.status === 200).length, 1);
        assert.equal(replies.filter(refused).length, 19);
      });
    });

    describe('without the gap between codes', () => {
      const context = endpoint({ triggerEnv: { SEND_GAP_SECONDS: '0' } });

      it('sends at most five codes for 20 rapid InitiateAuth calls (5 per 15 minutes)', async () => {
        const { server } = context;
        for (let i = 0; i < 20; i++) await initiate(server, ALICE);
        const sent = await messagesTo(server, ALICE);
        assert.equal(sent.length, 5);
      });
    });
  });

  describe('when a script probes which accounts exist', () => {
    const context = endpoint({ triggerEnv: RELAXED_LIMITS_ENV });
    const names = [
      ALICE,
      'ALICE@EXAMPLE.COM',
      'Alice@Example.com',
      'nobody@example.com',
      'NOBODY@Example.COM',
      ' Nobody@example.com ',
    ];

    it('gets challenges of the same shape for real and unknown users in every letter case', async () => {
      const { server } = context;
      const shapes = new Set<string>();
      const usernames = new Set<string>();
      for (const name of names) {
        const reply = await initiate(server, name);
        assert.equal(reply.status, 200, name);
        const { ChallengeName, ChallengeParameters = {}, Session } = body(reply);
        assert.equal(ChallengeName, 'CUSTOM_CHALLENGE');
        assert.match(ChallengeParameters.destination!, /^[a-z]\*\*\*@[a-z]\*\*\*\.com$/, name);
        // Like a pool with email sign-in, every user (and every unknown name) is named by a UUID, one per
        // person whatever the letter case or spaces typed, so the name says nothing about existence.
        assert.match(ChallengeParameters.USERNAME!, UUID, name);
        usernames.add(`${name.trim().toLowerCase()} ${ChallengeParameters.USERNAME}`);
        assert.equal(ChallengeParameters.codeLength, '6');
        assert.equal(ChallengeParameters.attemptsLeft, '3');
        assert.match(ChallengeParameters.expiresAt!, /^\d{13}$/);
        assert.match(Session!, /^[A-Za-z0-9_-]{128}$/);
        shapes.add(
          JSON.stringify(Object.keys(reply.body as object).sort()) +
            JSON.stringify(Object.keys(ChallengeParameters).sort()),
        );
      }
      assert.equal(shapes.size, 1, [...shapes].join('\n'));
      assert.equal(usernames.size, 2, [...usernames].join('\n'));
    });
  });

  describe('when the code email cannot be sent', () => {
    const failing = endpoint({
      triggerEnv: RELAXED_LIMITS_ENV,
      wrapSender: () => ({ send: async () => Promise.reject(new Error('Throttling: Maximum sending rate exceeded')) }),
    });
    const working = endpoint({ triggerEnv: RELAXED_LIMITS_ENV });

    it('answers exactly as when it was sent, apart from the per-call values', async () => {
      const broken = await initiate(failing.server, ALICE);
      const fine = await initiate(working.server, ALICE);
      assert.equal(broken.status, fine.status);
      const strip = (reply: RawResponse) => {
        const { Session: _session, ChallengeParameters = {}, ...rest } = body(reply);
        const { expiresAt: _expiresAt, ...parameters } = ChallengeParameters;
        return { ...rest, ChallengeParameters: parameters };
      };
      assert.deepEqual(strip(broken), strip(fine));
    });
  });

  describe('when a two-factor user is attacked with one factor', () => {
    const context = endpoint({
      triggerEnv: { ...RELAXED_LIMITS_ENV, SIGN_IN_FACTORS: 'password-and-code' },
    });

    it('refuses USER_SRP_AUTH (password only) at the app client', async () => {
      const reply = await cognitoRequest(context.server.url, 'InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: context.server.clientId,
        AuthParameters: { USERNAME: 'dave@example.com', SRP_A: (2n ** 1000n + 1n).toString(16) },
      });
      assert.equal(reply.status, 400);
      assert.equal(body(reply).__type, 'InvalidParameterException');
      assert.equal(body(reply).message, 'USER_SRP_AUTH flow not enabled for this client');
    });

    it('refuses CUSTOM_AUTH without the password, and sends no code', async () => {
      const reply = await initiate(context.server, 'dave@example.com');
      assert.equal(reply.status, 400);
      assert.equal(body(reply).__type, 'NotAuthorizedException');
      assert.deepEqual(await messagesTo(context.server, 'dave@example.com'), []);
    });
  });

  describe('when another site or a rebinding DNS name reaches the endpoint', () => {
    const context = endpoint({ corsOrigins: ['https://dev.example.test:8443'] });

    /** A raw GET with chosen headers (fetch may not set Host). */
    function get(
      path: string,
      headers: Record<string, string>,
    ): Promise<{ status: number; headers: Record<string, unknown> }> {
      const url = new URL(path, context.server.url);
      return new Promise((resolve, reject) => {
        const req = request(url, { headers }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
        });
        req.on('error', reject);
        req.end();
      });
    }

    it('refuses /_dev/messages to a foreign Origin, without CORS headers', async () => {
      const reply = await get('_dev/messages', { origin: 'https://evil.example' });
      assert.equal(reply.status, 403);
      assert.equal(reply.headers['access-control-allow-origin'], undefined);
    });

    it('refuses /_dev/messages and Cognito calls under a foreign Host name', async () => {
      const host = `evil.example:${new URL(context.server.url).port}`;
      assert.equal((await get('_dev/messages', { host })).status, 403);
      assert.equal((await get('', { host })).status, 403);
    });

    it('refuses a preflight from a foreign origin', async () => {
      const reply = await fetch(context.server.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(reply.status, 403);
      assert.equal(reply.headers.get('access-control-allow-origin'), null);
    });

    it('serves loopback origins and the ones given with --cors-origin', async () => {
      for (const origin of ['http://localhost:8000', 'http://127.0.0.1:5173', 'https://dev.example.test:8443']) {
        const reply = await get('_dev/messages', { origin });
        assert.equal(reply.status, 200, origin);
        assert.equal(reply.headers['access-control-allow-origin'], origin);
      }
    });
  });

  describe('when sign-ins are left open in bulk', () => {
    const context = endpoint({ triggerEnv: RELAXED_LIMITS_ENV, maxSessions: 5 });

    it('refuses new ones past the cap with a 4xx and keeps serving', async () => {
      const replies = [];
      for (let i = 0; i < 7; i++) replies.push(await initiate(context.server, `user${i}@example.com`));
      assert.deepEqual(
        replies.map((reply) => reply.status),
        [200, 200, 200, 200, 200, 400, 400],
      );
      assert.equal(body(replies[6]!).__type, 'TooManyRequestsException');
    });
  });
});
