import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import type { ChallengeHistoryEntry } from '../../../backend/triggers/challenge-history.ts';
import type { CodeMessage, CodeSender } from '../../../backend/triggers/code-sender.ts';
import {
  createCreateAuthChallengeHandler,
  type CreateAuthChallengeOptions,
} from '../../../backend/triggers/create-auth-challenge.ts';
import { createAuthChallengeEvent } from '../../../backend/triggers/trigger-events.ts';
import { NOW, alice, stranger } from './fixtures.ts';
import { RELAXED_LIMITS, useLimitsTables } from './limits-fixture.ts';

const limitsTables = useLimitsTables();

function recordingSender() {
  const sent: CodeMessage[] = [];
  const sender: CodeSender = {
    async send(message) {
      sent.push(message);
    },
  };
  return { sent, sender };
}

/**
 * A handler on a clock the test moves, with its own limits table; waits are recorded instead of slept and
 * log lines collected. The limits are relaxed unless `env` sets them.
 */
async function setup(env: Record<string, string> = {}, options: Partial<CreateAuthChallengeOptions> = {}) {
  let clock = NOW;
  const now = () => clock;
  const { sent, sender } = recordingSender();
  const waits: number[] = [];
  const logged: string[] = [];
  const create = createCreateAuthChallengeHandler({
    sender,
    attempts: await limitsTables.fresh(now),
    env: { CREATE_MIN_DURATION_MS: '0', ...RELAXED_LIMITS, ...env },
    now,
    sleep: async (ms) => {
      waits.push(ms);
    },
    log: (line) => logged.push(line),
    ...options,
  });
  const run = async (session: ChallengeHistoryEntry[], context = alice) =>
    (await create(createAuthChallengeEvent(context, session))).response;
  const advance = (ms: number) => {
    clock += ms;
  };
  return { create, sent, waits, logged, run, advance };
}

const customRound = (metadata: string, result = false): ChallengeHistoryEntry => ({
  challengeName: 'CUSTOM_CHALLENGE',
  challengeResult: result,
  challengeMetadata: metadata,
});

describe('Create Auth Challenge', () => {
  describe('when the first custom round starts', () => {
    it('emails a fresh six-digit code to the user, naming the app', async () => {
      const { sent, run } = await setup({ APP_NAME: 'Example Shop' });
      const response = await run([]);
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0], {
        to: 'alice@example.com',
        username: alice.userName,
        code: response.privateChallengeParameters.code,
        expiresAt: NOW + 180_000,
        appName: 'Example Shop',
      });
      assert.match(sent[0]!.code, /^\d{6}$/);
    });

    it('publishes where the code went, its length, the attempts left and the expiry', async () => {
      const { run } = await setup();
      const response = await run([]);
      assert.deepEqual(response.publicChallengeParameters, {
        deliveryMedium: 'EMAIL',
        destination: 'a***@e***.com',
        codeLength: '6',
        attemptsLeft: '3',
        expiresAt: String(NOW + 180_000),
      });
    });

    it('keeps the code out of the public parameters', async () => {
      const { run } = await setup();
      const response = await run([]);
      const code = response.privateChallengeParameters.code!;
      for (const value of Object.values(response.publicChallengeParameters)) {
        assert.ok(!value.includes(code), `public value "${value}" contains the code`);
      }
    });

    it('records the code and its expiry in the challenge metadata for later rounds', async () => {
      const { run } = await setup();
      const response = await run([]);
      const { code, expiresAt } = response.privateChallengeParameters;
      assert.equal(expiresAt, String(NOW + 180_000));
      assert.equal(response.challengeMetadata, `CODE-${code}-${expiresAt}`);
    });

    it('follows CODE_LENGTH and CODE_LIFETIME_SECONDS', async () => {
      const { sent, run } = await setup({ CODE_LENGTH: '8', CODE_LIFETIME_SECONDS: '60' });
      const response = await run([]);
      assert.match(sent[0]!.code, /^\d{8}$/);
      assert.equal(response.publicChallengeParameters.codeLength, '8');
      assert.equal(response.publicChallengeParameters.expiresAt, String(NOW + 60_000));
    });

    it('starts the attempt count after a verified password', async () => {
      const { run } = await setup();
      const response = await run([
        { challengeName: 'SRP_A', challengeResult: true },
        { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
      ]);
      assert.equal(response.publicChallengeParameters.attemptsLeft, '3');
    });

    it('ignores metadata another trigger left in the history', async () => {
      const { sent, run } = await setup();
      await run([customRound('SOMETHING-ELSE')]);
      assert.equal(sent.length, 1);
    });
  });

  describe('when a retry round follows a wrong answer', () => {
    it('reuses the issued code without sending it again', async () => {
      const { sent, run } = await setup();
      const first = await run([]);
      const retry = await run([customRound(first.challengeMetadata)]);
      assert.equal(sent.length, 1);
      assert.deepEqual(retry.privateChallengeParameters, first.privateChallengeParameters);
      assert.equal(retry.challengeMetadata, first.challengeMetadata);
    });

    it('sends a fresh code when the issued one has expired', async () => {
      const { sent, run } = await setup();
      const expired = `CODE-123456-${NOW - 1}`;
      const retry = await run([customRound(expired)]);
      assert.equal(sent.length, 1);
      assert.notEqual(retry.challengeMetadata, expired);
      assert.equal(retry.publicChallengeParameters.expiresAt, String(NOW + 180_000));
      assert.equal(retry.publicChallengeParameters.attemptsLeft, '2');
    });

    it('counts down the attempts left', async () => {
      const { run } = await setup();
      const first = await run([]);
      const second = await run([customRound(first.challengeMetadata)]);
      const third = await run([customRound(first.challengeMetadata), customRound(first.challengeMetadata)]);
      assert.equal(second.publicChallengeParameters.attemptsLeft, '2');
      assert.equal(third.publicChallengeParameters.attemptsLeft, '1');
      assert.equal(third.publicChallengeParameters.expiresAt, first.publicChallengeParameters.expiresAt);
    });
  });

  describe('when Cognito did not find the user', () => {
    it('sends nothing', async () => {
      const { sent, run } = await setup();
      await run([], stranger);
      assert.equal(sent.length, 0);
    });

    it('publishes parameters of the same shape as for a real user', async () => {
      const { run } = await setup();
      const real = await run([]);
      const decoy = await run([], stranger);
      assert.deepEqual(
        Object.keys(decoy.publicChallengeParameters).sort(),
        Object.keys(real.publicChallengeParameters).sort(),
      );
      assert.deepEqual(decoy.publicChallengeParameters, {
        ...real.publicChallengeParameters,
        destination: 'n***@e***.org',
      });
      assert.match(decoy.challengeMetadata, /^CODE-\d{6}-\d+$/);
    });

    it('masks the name as typed in lower case, as a real address is masked, in every letter case', async () => {
      const { run } = await setup();
      const shouting = await run([], { ...stranger, userName: ' NOBODY@Example.ORG ' });
      const realShouting = await run([], {
        ...alice,
        userName: 'ALICE@EXAMPLE.COM',
        userAttributes: { ...alice.userAttributes, email: 'Alice@Example.COM' },
      });
      assert.equal(shouting.publicChallengeParameters.destination, 'n***@e***.org');
      assert.equal(realShouting.publicChallengeParameters.destination, 'a***@e***.com');
    });

    it('shows a stable, plausible destination for a username that is not an address', async () => {
      const { run } = await setup();
      const carol = { ...stranger, userName: 'carol' };
      const first = await run([], carol);
      const second = await run([], carol);
      assert.match(first.publicChallengeParameters.destination!, /^c\*\*\*@[a-z]\*\*\*\.com$/);
      assert.equal(second.publicChallengeParameters.destination, first.publicChallengeParameters.destination);
    });
  });

  describe('when the challenge cannot be created', () => {
    it('rejects a user without an email address', async () => {
      const { sent, run } = await setup();
      await assert.rejects(run([], { ...alice, userAttributes: { sub: 'x' } }), /no email address/);
      assert.equal(sent.length, 0);
    });

    it('refuses to create anything but a custom challenge', async () => {
      const { create, sent } = await setup();
      await assert.rejects(
        create(createAuthChallengeEvent(alice, [], 'PASSWORD_VERIFIER')),
        /only creates CUSTOM_CHALLENGE/,
      );
      assert.equal(sent.length, 0);
    });

    it('rejects a malformed CODE_LENGTH with a message naming the variable', async () => {
      const { run } = await setup({ CODE_LENGTH: 'six' });
      await assert.rejects(run([]), /CODE_LENGTH must be a whole number/);
    });
  });

  describe('when the address is not verified', () => {
    const unverified = { ...alice, userAttributes: { ...alice.userAttributes, email_verified: 'false' } };

    it('sends nothing and says so in the log, without the code', async () => {
      const { sent, logged, run } = await setup();
      const response = await run([], unverified);
      assert.equal(sent.length, 0);
      assert.equal(logged.length, 1);
      assert.match(logged[0]!, /not verified/);
      assert.ok(!logged[0]!.includes(response.privateChallengeParameters.code!));
    });

    it('answers exactly as for a verified address', async () => {
      const { run } = await setup();
      const verified = await run([]);
      const response = await run([], unverified);
      assert.deepEqual(response.publicChallengeParameters, verified.publicChallengeParameters);
    });
  });

  describe('when the send fails', () => {
    it('logs the failure without the code or the address, and answers like a normal challenge', async () => {
      const logged: string[] = [];
      const { run } = await setup(
        {},
        {
          sender: {
            send: async () => Promise.reject(new Error('Email address is not verified: alice@example.com')),
          },
          log: (line) => logged.push(line),
        },
      );
      const response = await run([]);
      assert.deepEqual(Object.keys(response.publicChallengeParameters).sort(), [
        'attemptsLeft',
        'codeLength',
        'deliveryMedium',
        'destination',
        'expiresAt',
      ]);
      assert.equal(response.publicChallengeParameters.destination, 'a***@e***.com');
      assert.equal(logged.length, 1);
      assert.match(logged[0]!, /failed \(Error: Email address is not verified: <address>\)/);
      assert.ok(!logged[0]!.includes(response.privateChallengeParameters.code!), 'the log holds the code');
    });
  });

  describe('when it comes to time', () => {
    /** Runs once and returns how long it took, counting the (recorded, not slept) waits. */
    async function timedRun(
      fixture: Awaited<ReturnType<typeof setup>>,
      context = alice,
      session: ChallengeHistoryEntry[] = [],
    ) {
      const before = fixture.waits.length;
      const started = performance.now();
      await fixture.run(session, context).catch(() => undefined);
      const waited = fixture.waits.slice(before).reduce((sum, ms) => sum + ms, 0);
      return performance.now() - started + waited;
    }

    it('takes at least CREATE_MIN_DURATION_MS for a real user, an unknown one, a retry and a refusal', async () => {
      const fixture = await setup({ CREATE_MIN_DURATION_MS: '300', SEND_GAP_SECONDS: '60' });
      const first = await fixture.run([]);
      const durations = [
        await timedRun(fixture, stranger),
        await timedRun(fixture, alice, [customRound(first.challengeMetadata)]),
        await timedRun(fixture, alice),
      ];
      for (const ms of durations) assert.ok(ms >= 300, `took ${ms} ms`);
    });

    it('waits only for what the work left of the floor', async () => {
      const fixture = await setup({ CREATE_MIN_DURATION_MS: '300' });
      await fixture.run([]);
      assert.equal(fixture.waits.length, 1);
      assert.ok(fixture.waits[0]! > 0 && fixture.waits[0]! <= 300, `waited ${fixture.waits[0]} ms`);
    });

    it('does not wait when the floor is 0', async () => {
      const { waits, run } = await setup({ CREATE_MIN_DURATION_MS: '0' });
      await run([]);
      await run([], stranger);
      assert.deepEqual(waits, []);
    });
  });

  describe('when the limits across sessions are reached', () => {
    const defaults = { SEND_GAP_SECONDS: '30', SENDS_PER_15_MINUTES: '5', SENDS_PER_DAY: '20' };

    it('refuses a second code within the gap with the marker and the wait, and sends nothing', async () => {
      const { sent, run, advance } = await setup(defaults);
      await run([]);
      advance(10_000);
      await assert.rejects(run([]), /TooManyAttempts retryAfterSeconds=20$/);
      assert.equal(sent.length, 1);
    });

    it('counts every letter case of an unknown name as one identity, as for a real user', async () => {
      const { run, advance } = await setup(defaults);
      await run([], { ...stranger, userName: 'nobody@example.org' });
      advance(1000);
      await assert.rejects(run([], { ...stranger, userName: ' NoBody@Example.ORG' }), /TooManyAttempts/);
      await assert.rejects(
        run([], { ...alice, userName: 'ALICE@example.com' }).then(() => run([])),
        /TooManyAttempts/,
      );
    });

    it('allows five codes in 15 minutes, then refuses until the oldest leaves the window', async () => {
      const { sent, run, advance } = await setup(defaults);
      for (let i = 0; i < 5; i++) {
        await run([]);
        advance(30_000);
      }
      await assert.rejects(run([]), /retryAfterSeconds=750$/);
      advance(750_000);
      await run([]);
      assert.equal(sent.length, 6);
    });

    it('does not count retry rounds, which send nothing', async () => {
      const { sent, run, advance } = await setup(defaults);
      const first = await run([]);
      advance(1000);
      await run([customRound(first.challengeMetadata)]);
      assert.equal(sent.length, 1);
    });

    it('keeps counts apart for different users', async () => {
      const { sent, run } = await setup(defaults);
      await run([]);
      await run([], {
        ...alice,
        userName: 'bob@example.com',
        userAttributes: { email: 'bob@example.com', email_verified: 'true', sub: 'b0b' },
      });
      assert.equal(sent.length, 2);
    });
  });
});
