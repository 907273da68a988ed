import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyAuthChallengeResponseEvent, type TriggerContext } from '../../../backend/triggers/trigger-events.ts';
import {
  createVerifyAuthChallengeResponseHandler,
  handler,
} from '../../../backend/triggers/verify-auth-challenge-response.ts';
import { NOW, alice, stranger } from './fixtures.ts';
import { RELAXED_LIMITS, useLimitsTables } from './limits-fixture.ts';

const limitsTables = useLimitsTables();
const CODE = '042917';

const issued = { code: CODE, expiresAt: String(NOW + 180_000) };
// For checks spread over hours of the test clock.
const longLived = { code: CODE, expiresAt: String(NOW + 7 * 24 * 3600_000) };

/** A handler with its own limits table on a clock the test moves. */
async function checker(env: Record<string, string> = RELAXED_LIMITS) {
  let clock = NOW;
  const check = createVerifyAuthChallengeResponseHandler({
    attempts: await limitsTables.fresh(() => clock),
    env,
    now: () => clock,
  });
  return {
    check: async (answer: string, context: TriggerContext = alice, parameters = longLived) =>
      (await check(verifyAuthChallengeResponseEvent(context, parameters, answer))).response.answerCorrect,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

async function verify(
  answer: string,
  options: { at?: number; context?: TriggerContext; parameters?: Record<string, string> } = {},
) {
  const check = createVerifyAuthChallengeResponseHandler({
    attempts: await limitsTables.fresh(() => options.at ?? NOW),
    env: RELAXED_LIMITS,
    now: () => options.at ?? NOW,
  });
  const event = verifyAuthChallengeResponseEvent(options.context ?? alice, options.parameters ?? issued, answer);
  return (await check(event)).response.answerCorrect;
}

describe('Verify Auth Challenge Response', () => {
  it('exports a Lambda handler that keeps its limits in the LIMITS_TABLE table', async (t) => {
    const tableName = `lambda-${Date.now()}`;
    await limitsTables.createTable(tableName);
    const names = [
      'LIMITS_TABLE',
      'AWS_ENDPOINT_URL_DYNAMODB',
      'AWS_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
    ];
    const saved = names.map((name) => process.env[name]);
    t.after(() =>
      names.forEach((name, i) => (saved[i] === undefined ? delete process.env[name] : (process.env[name] = saved[i]))),
    );
    Object.assign(process.env, {
      LIMITS_TABLE: tableName,
      AWS_ENDPOINT_URL_DYNAMODB: limitsTables.endpoint(),
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const fresh = { code: CODE, expiresAt: String(Date.now() + 60_000) };
    const { response } = await handler(verifyAuthChallengeResponseEvent(alice, fresh, CODE));
    assert.equal(response.answerCorrect, true);
    assert.equal(await limitsTables.itemCount(tableName), 1);
  });

  describe('when wrong answers add up across sessions', () => {
    const limits = { FAILURES_PER_HOUR: '10', LOCK_SECONDS: '900' };

    it('stops comparing answers after ten wrong ones, even the right code, for 15 minutes', async () => {
      const { check, advance } = await checker(limits);
      for (let i = 0; i < 10; i++) assert.equal(await check('000000'), false);
      await assert.rejects(check(CODE), /TooManyAttempts retryAfterSeconds=900$/);
      advance(900_000);
      assert.equal(await check(CODE), true);
    });

    it('locks twice as long the next time within a day', async () => {
      const { check, advance } = await checker(limits);
      for (let i = 0; i < 10; i++) await check('000000');
      await assert.rejects(check(CODE), /retryAfterSeconds=900$/);
      advance(900_000);
      for (let i = 0; i < 10; i++) await check('000000');
      await assert.rejects(check(CODE), /retryAfterSeconds=1800$/);
    });

    it('forgets wrong answers after a correct one', async () => {
      const { check } = await checker(limits);
      for (let i = 0; i < 9; i++) await check('000000');
      assert.equal(await check(CODE), true);
      for (let i = 0; i < 9; i++) await check('000000');
      assert.equal(await check(CODE), true);
    });

    it('locks an unknown name the same way, in every letter case', async () => {
      const { check } = await checker(limits);
      for (let i = 0; i < 10; i++)
        await check('000000', { ...stranger, userName: i % 2 ? 'NOBODY@example.org' : 'nobody@example.org' });
      await assert.rejects(check(CODE, stranger), /TooManyAttempts retryAfterSeconds=900$/);
      assert.equal(await check(CODE), true, 'another identity is not affected');
    });

    it('counts answers that arrive at once, so none is compared beyond the cap', async () => {
      const { check } = await checker(limits);
      const results = await Promise.allSettled(Array.from({ length: 25 }, () => check('000000')));
      const compared = results.filter((result) => result.status === 'fulfilled').length;
      assert.ok(compared <= 10, `${compared} answers were compared`);
    });
  });

  describe('when the answer is the issued code', () => {
    it('accepts it', async () => {
      assert.equal(await verify(CODE), true);
    });

    it('accepts it with surrounding whitespace, as pasted from an email', async () => {
      assert.equal(await verify(` ${CODE}\n`), true);
    });

    it('accepts it up to the moment of expiry', async () => {
      assert.equal(await verify(CODE, { at: NOW + 180_000 }), true);
    });
  });

  describe('when the code has expired', () => {
    it('rejects even the right code', async () => {
      assert.equal(await verify(CODE, { at: NOW + 180_001 }), false);
    });

    it('rejects a code whose expiry is missing or unreadable', async () => {
      assert.equal(await verify(CODE, { parameters: { code: CODE } }), false);
      assert.equal(await verify(CODE, { parameters: { code: CODE, expiresAt: 'soon' } }), false);
    });
  });

  describe('when Cognito did not find the user', () => {
    it('rejects every answer', async () => {
      assert.equal(await verify(CODE, { context: stranger }), false);
    });
  });

  describe('when the answer is wrong or odd', () => {
    const answers: Record<string, string> = {
      'another code': '042918',
      'an empty answer': '',
      'only whitespace': '   ',
      'a prefix of the code': CODE.slice(0, 5),
      'the code with an extra digit': `${CODE}0`,
      '10 000 characters': '4'.repeat(10_000),
      letters: 'abcdef',
      'the code in other digit scripts': '٠٤٢٩١٧',
      'full-width digits': '０４２９１７',
      'emoji and unpaired surrogates': '🔑\ud800\udfff',
      'a NUL byte inside': `042\u0000917`,
      'an injection attempt': `${CODE}' OR '1'='1`,
    };
    for (const [name, answer] of Object.entries(answers)) {
      it(`rejects ${name} without throwing`, async () => {
        assert.equal(await verify(answer), false);
      });
    }

    it('rejects an answer that is not a string at all', async () => {
      assert.equal(await verify(undefined as unknown as string), false);
      assert.equal(await verify(42_917 as unknown as string), false);
    });

    it('rejects everything when the private parameters hold no code', async () => {
      assert.equal(await verify('', { parameters: {} }), false);
      assert.equal(await verify(CODE, { parameters: { expiresAt: issued.expiresAt } }), false);
    });
  });
});
