import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChallengeHistoryEntry } from '../../backend/triggers/challenge-history.ts';
import type { CodeMessage, CodeSender } from '../../backend/triggers/code-sender.ts';
import { createCreateAuthChallengeHandler } from '../../backend/triggers/create-auth-challenge.ts';
import { createAuthChallengeEvent } from '../../backend/triggers/trigger-events.ts';
import { NOW, alice, stranger } from './triggers-fixtures.ts';

function recordingSender() {
  const sent: CodeMessage[] = [];
  const sender: CodeSender = {
    async send(message) {
      sent.push(message);
    },
  };
  return { sent, sender };
}

function setup(env: Record<string, string> = {}) {
  const { sent, sender } = recordingSender();
  const create = createCreateAuthChallengeHandler({ sender, env, now: () => NOW });
  const run = async (session: ChallengeHistoryEntry[], context = alice) =>
    (await create(createAuthChallengeEvent(context, session))).response;
  return { sent, run };
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
        username: 'alice@example.com',
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

    it('rejects a malformed CODE_LENGTH with a message naming the variable', async () => {
      const { run } = setup({ CODE_LENGTH: 'six' });
      await assert.rejects(run([]), /CODE_LENGTH must be a whole number/);
    });
  });
});
