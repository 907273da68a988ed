import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChallengeHistoryEntry } from '../../../backend/triggers/challenge-history.ts';
import type { CodeMessage, CodeSender } from '../../../backend/triggers/code-sender.ts';
import {
  DEFAULT_SEND_ESTIMATE_MS,
  createCreateAuthChallengeHandler,
  type CreateAuthChallengeOptions,
} from '../../../backend/triggers/create-auth-challenge.ts';
import { createAuthChallengeEvent } from '../../../backend/triggers/trigger-events.ts';
import { NOW, alice, stranger } from './fixtures.ts';

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
 * A handler on a clock the test moves: each send takes the next duration queued with `sendsTake` (0 when none
 * is queued), and waits are recorded instead of slept, so timing behaviour is exact and instant.
 */
function setup(env: Record<string, string> = {}, options: Partial<CreateAuthChallengeOptions> = {}) {
  let clock = NOW;
  const durations: number[] = [];
  const { sent, sender } = recordingSender();
  const waits: number[] = [];
  const create = createCreateAuthChallengeHandler({
    sender: {
      async send(message) {
        await sender.send(message);
        clock += durations.shift() ?? 0;
      },
    },
    env,
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  const run = async (session: ChallengeHistoryEntry[], context = alice) =>
    (await create(createAuthChallengeEvent(context, session))).response;
  const sendsTake = (...ms: number[]) => durations.push(...ms);
  return { sent, waits, run, sendsTake };
}

/** Signs in `count` real users, one first round each, so their sends get timed. */
async function realFirstRounds(run: ReturnType<typeof setup>['run'], count: number) {
  for (let i = 0; i < count; i++) await run([]);
}

/** Asserts a single wait within ±10% (the jitter) of `expected` milliseconds. */
function assertOneWaitNear(waits: readonly number[], expected: number) {
  assert.equal(waits.length, 1, `expected one wait, got ${waits.length}`);
  const spread = Math.ceil(expected / 10);
  assert.ok(
    waits[0]! >= expected - spread && waits[0]! <= expected + spread,
    `waited ${waits[0]} ms, expected ${expected} ± ${spread}`,
  );
}

const customRound = (metadata: string, result = false): ChallengeHistoryEntry => ({
  challengeName: 'CUSTOM_CHALLENGE',
  challengeResult: result,
  challengeMetadata: metadata,
});

describe('Create Auth Challenge', () => {
  describe('when the first custom round starts', () => {
    it('emails a fresh six-digit code to the user', async () => {
      const { sent, run } = setup();
      const response = await run([]);
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0], {
        to: 'alice@example.com',
        username: alice.userName,
        code: response.privateChallengeParameters.code,
        expiresAt: NOW + 180_000,
      });
      assert.match(sent[0]!.code, /^\d{6}$/);
    });

    it('publishes where the code went, its length, the attempts left and the expiry', async () => {
      const { run } = setup();
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
      const { run } = setup();
      const response = await run([]);
      const code = response.privateChallengeParameters.code!;
      for (const value of Object.values(response.publicChallengeParameters)) {
        assert.ok(!value.includes(code), `public value "${value}" contains the code`);
      }
    });

    it('records the code and its expiry in the challenge metadata for later rounds', async () => {
      const { run } = setup();
      const response = await run([]);
      const { code, expiresAt } = response.privateChallengeParameters;
      assert.equal(expiresAt, String(NOW + 180_000));
      assert.equal(response.challengeMetadata, `CODE-${code}-${expiresAt}`);
    });

    it('follows CODE_LENGTH and CODE_LIFETIME_SECONDS', async () => {
      const { sent, run } = setup({ CODE_LENGTH: '8', CODE_LIFETIME_SECONDS: '60' });
      const response = await run([]);
      assert.match(sent[0]!.code, /^\d{8}$/);
      assert.equal(response.publicChallengeParameters.codeLength, '8');
      assert.equal(response.publicChallengeParameters.expiresAt, String(NOW + 60_000));
    });

    it('starts the attempt count after a verified password', async () => {
      const { run } = setup();
      const response = await run([
        { challengeName: 'SRP_A', challengeResult: true },
        { challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
      ]);
      assert.equal(response.publicChallengeParameters.attemptsLeft, '3');
    });

    it('waits for nothing but the send', async () => {
      const { waits, run } = setup();
      await run([]);
      assert.deepEqual(waits, []);
    });

    it('ignores metadata another trigger left in the history', async () => {
      const { sent, run } = setup();
      await run([customRound('SOMETHING-ELSE')]);
      assert.equal(sent.length, 1);
    });
  });

  describe('when a retry round follows a wrong answer', () => {
    it('reuses the issued code without sending it again', async () => {
      const { sent, run } = setup();
      const first = await run([]);
      const retry = await run([customRound(first.challengeMetadata)]);
      assert.equal(sent.length, 1);
      assert.deepEqual(retry.privateChallengeParameters, first.privateChallengeParameters);
      assert.equal(retry.challengeMetadata, first.challengeMetadata);
    });

    it('sends a fresh code when the issued one has expired', async () => {
      const { sent, run } = setup();
      const expired = `CODE-123456-${NOW - 1}`;
      const retry = await run([customRound(expired)]);
      assert.equal(sent.length, 1);
      assert.notEqual(retry.challengeMetadata, expired);
      assert.equal(retry.publicChallengeParameters.expiresAt, String(NOW + 180_000));
      assert.equal(retry.publicChallengeParameters.attemptsLeft, '2');
    });

    it('waits for nothing, for a real user or an unknown one, since neither sends', async () => {
      const { sent, waits, run } = setup();
      const real = await run([]);
      const decoy = await run([], stranger);
      waits.length = 0;
      await run([customRound(real.challengeMetadata)]);
      await run([customRound(decoy.challengeMetadata)], stranger);
      assert.deepEqual(waits, []);
      assert.equal(sent.length, 1);
    });

    it('waits again for an unknown user whose code expired, as a real user waits for the fresh send', async () => {
      const { sent, waits, run } = setup();
      await run([customRound(`CODE-123456-${NOW - 1}`)], stranger);
      assertOneWaitNear(waits, DEFAULT_SEND_ESTIMATE_MS);
      assert.equal(sent.length, 0);
    });

    it('counts down the attempts left', async () => {
      const { run } = setup();
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
      const { sent, run } = setup();
      await run([], stranger);
      assert.equal(sent.length, 0);
    });

    it('waits about as long as recent real sends took, so the answer comes no sooner', async () => {
      const { waits, run, sendsTake } = setup();
      sendsTake(100, 200, 900);
      await realFirstRounds(run, 3);
      await run([], stranger);
      assertOneWaitNear(waits, 200);
    });

    it('waits for a typical SES call before any real send was timed', async () => {
      const { waits, run } = setup();
      await run([], stranger);
      assertOneWaitNear(waits, 150);
    });

    it('waits for the initial estimate it was given before any real send was timed', async () => {
      const { waits, run } = setup({}, { initialSendEstimateMs: 0 });
      await run([], stranger);
      assert.deepEqual(waits, [0]);
    });

    it('follows the most recent sends, so a change in delivery speed is picked up', async () => {
      const { waits, run, sendsTake } = setup();
      sendsTake(...Array<number>(20).fill(1000), ...Array<number>(20).fill(100));
      await realFirstRounds(run, 40);
      await run([], stranger);
      assertOneWaitNear(waits, 100);
    });

    it('varies the wait a little, so decoy rounds do not all take exactly the same time', async () => {
      const { waits, run } = setup();
      for (let i = 0; i < 20; i++) await run([], stranger);
      assert.ok(new Set(waits).size > 1, `all 20 waits were ${waits[0]} ms`);
    });

    it('publishes parameters of the same shape as for a real user', async () => {
      const { run } = setup();
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

    it('shows a stable, plausible destination for a username that is not an address', async () => {
      const { run } = setup();
      const carol = { ...stranger, userName: 'carol' };
      const first = await run([], carol);
      const second = await run([], carol);
      assert.match(first.publicChallengeParameters.destination!, /^c\*\*\*@[a-z]\*\*\*\.com$/);
      assert.equal(second.publicChallengeParameters.destination, first.publicChallengeParameters.destination);
    });
  });

  describe('when the challenge cannot be created', () => {
    it('rejects a user without an email address', async () => {
      const { sent, run } = setup();
      await assert.rejects(run([], { ...alice, userAttributes: { sub: 'x' } }), /no email address/);
      assert.equal(sent.length, 0);
    });

    it('passes a delivery failure on, so Cognito reports it', async () => {
      const create = createCreateAuthChallengeHandler({
        sender: { send: async () => Promise.reject(new Error('mailbox unavailable')) },
        env: {},
      });
      await assert.rejects(create(createAuthChallengeEvent(alice, [])), /mailbox unavailable/);
    });

    it('refuses to create anything but a custom challenge', async () => {
      const { sent, sender } = recordingSender();
      const create = createCreateAuthChallengeHandler({ sender, env: {} });
      await assert.rejects(
        create(createAuthChallengeEvent(alice, [], 'PASSWORD_VERIFIER')),
        /only creates CUSTOM_CHALLENGE/,
      );
      assert.equal(sent.length, 0);
    });

    it('refuses an initial send estimate that is not a number of milliseconds', () => {
      const { sender } = recordingSender();
      for (const initialSendEstimateMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
        assert.throws(
          () => createCreateAuthChallengeHandler({ sender, initialSendEstimateMs }),
          /initialSendEstimateMs must be a number of milliseconds >= 0/,
        );
      }
    });

    it('rejects a malformed CODE_LENGTH with a message naming the variable', async () => {
      const { run } = setup({ CODE_LENGTH: 'six' });
      await assert.rejects(run([]), /CODE_LENGTH must be a whole number/);
    });
  });
});
