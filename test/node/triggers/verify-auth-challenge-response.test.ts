import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyAuthChallengeResponseEvent, type TriggerContext } from '../../../backend/triggers/trigger-events.ts';
import {
  createVerifyAuthChallengeResponseHandler,
  handler,
} from '../../../backend/triggers/verify-auth-challenge-response.ts';
import { NOW, alice, stranger } from './fixtures.ts';

const CODE = '042917';

const issued = { code: CODE, expiresAt: String(NOW + 180_000) };

async function verify(
  answer: string,
  options: { at?: number; context?: TriggerContext; parameters?: Record<string, string> } = {},
) {
  const check = createVerifyAuthChallengeResponseHandler({ now: () => options.at ?? NOW });
  const event = verifyAuthChallengeResponseEvent(options.context ?? alice, options.parameters ?? issued, answer);
  return (await check(event)).response.answerCorrect;
}

describe('Verify Auth Challenge Response', () => {
  it('exports a Lambda handler that uses the real clock', async () => {
    const fresh = { code: CODE, expiresAt: String(Date.now() + 60_000) };
    const { response } = await handler(verifyAuthChallengeResponseEvent(alice, fresh, CODE));
    assert.equal(response.answerCorrect, true);
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
