import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChallengeHistoryEntry } from '../../../backend/triggers/challenge-history.ts';
import { createDefineAuthChallengeHandler, handler } from '../../../backend/triggers/define-auth-challenge.ts';
import { defineAuthChallengeEvent } from '../../../backend/triggers/trigger-events.ts';
import { alice, stranger } from './fixtures.ts';

const srpA = (result = true): ChallengeHistoryEntry => ({ challengeName: 'SRP_A', challengeResult: result });
const verifier = (result: boolean): ChallengeHistoryEntry => ({
  challengeName: 'PASSWORD_VERIFIER',
  challengeResult: result,
});
const custom = (result: boolean): ChallengeHistoryEntry => ({
  challengeName: 'CUSTOM_CHALLENGE',
  challengeResult: result,
  challengeMetadata: 'CODE-123456-1900000000000',
});
const wrong = (count: number) => Array.from({ length: count }, () => custom(false));

async function decide(session: ChallengeHistoryEntry[], context = alice, env: Record<string, string> = {}) {
  const define = createDefineAuthChallengeHandler({ env });
  const { response } = await define(defineAuthChallengeEvent(context, session));
  return response;
}

const nextChallenge = (challengeName: string) => ({ challengeName, issueTokens: false, failAuthentication: false });
const tokens = { issueTokens: true, failAuthentication: false };
const failure = { issueTokens: false, failAuthentication: true };

describe('Define Auth Challenge', () => {
  it('exports a Lambda handler that reads its settings from the environment', async () => {
    const { response } = await handler(defineAuthChallengeEvent(alice, []));
    assert.deepEqual(response, nextChallenge('CUSTOM_CHALLENGE'));
  });

  describe('when a passwordless sign-in starts', () => {
    it('asks for a custom challenge', async () => {
      assert.deepEqual(await decide([]), nextChallenge('CUSTOM_CHALLENGE'));
    });
  });

  describe('when the latest custom answer is correct', () => {
    it('issues tokens on the first round', async () => {
      assert.deepEqual(await decide([custom(true)]), tokens);
    });

    it('issues tokens after earlier wrong answers', async () => {
      assert.deepEqual(await decide([...wrong(2), custom(true)]), tokens);
    });
  });

  describe('when a custom answer is wrong', () => {
    it('asks again while attempts remain', async () => {
      assert.deepEqual(await decide(wrong(1)), nextChallenge('CUSTOM_CHALLENGE'));
      assert.deepEqual(await decide(wrong(2)), nextChallenge('CUSTOM_CHALLENGE'));
    });

    it('fails after three wrong answers by default', async () => {
      assert.deepEqual(await decide(wrong(3)), failure);
    });

    it('honours MAX_ATTEMPTS', async () => {
      assert.deepEqual(await decide(wrong(4), alice, { MAX_ATTEMPTS: '5' }), nextChallenge('CUSTOM_CHALLENGE'));
      assert.deepEqual(await decide(wrong(5), alice, { MAX_ATTEMPTS: '5' }), failure);
      assert.deepEqual(await decide(wrong(1), alice, { MAX_ATTEMPTS: '1' }), failure);
    });
  });

  describe('when the sign-in starts with a password checked by SRP', () => {
    it('asks for the password verifier after SRP_A', async () => {
      assert.deepEqual(await decide([srpA()]), nextChallenge('PASSWORD_VERIFIER'));
    });

    it('asks for a custom challenge once the password is verified', async () => {
      assert.deepEqual(await decide([srpA(), verifier(true)]), nextChallenge('CUSTOM_CHALLENGE'));
    });

    it('fails when the password is wrong', async () => {
      assert.deepEqual(await decide([srpA(), verifier(false)]), failure);
    });

    it('issues tokens after a correct custom answer', async () => {
      assert.deepEqual(await decide([srpA(), verifier(true), custom(true)]), tokens);
    });

    it('counts only custom answers towards the attempt limit', async () => {
      assert.deepEqual(await decide([srpA(), verifier(true), ...wrong(2)]), nextChallenge('CUSTOM_CHALLENGE'));
      assert.deepEqual(await decide([srpA(), verifier(true), ...wrong(3)]), failure);
    });
  });

  describe('when the session history has any other shape', () => {
    const shapes: Record<string, ChallengeHistoryEntry[]> = {
      'a failed SRP_A': [srpA(false)],
      'a password verifier without SRP_A': [verifier(true)],
      'a custom round straight after SRP_A': [srpA(), custom(true)],
      'SRP_A twice': [srpA(), srpA()],
      'another challenge among the custom rounds': [custom(false), { challengeName: 'SMS_MFA', challengeResult: true }],
      'a correct answer followed by more rounds': [custom(true), custom(true)],
      'a password verifier after custom rounds': [srpA(), verifier(true), custom(false), verifier(true)],
    };
    for (const [name, session] of Object.entries(shapes)) {
      it(`fails for ${name}`, async () => {
        assert.deepEqual(await decide(session), failure);
      });
    }
  });

  describe('when Cognito did not find the user', () => {
    it('answers every round exactly as for a real user with wrong answers', async () => {
      for (let round = 0; round <= 3; round++) {
        assert.deepEqual(await decide(wrong(round), stranger), await decide(wrong(round), alice), `round ${round}`);
      }
      assert.deepEqual(await decide([srpA()], stranger), await decide([srpA()], alice));
    });

    it('fails after the maximum number of attempts', async () => {
      assert.deepEqual(await decide(wrong(3), stranger), failure);
    });

    it('never issues tokens, even for a history claiming a correct answer', async () => {
      assert.deepEqual(await decide([custom(true)], stranger), failure);
    });
  });

  describe('when the pool requires password and code (SIGN_IN_FACTORS=password-and-code)', () => {
    const env = { SIGN_IN_FACTORS: 'password-and-code' };

    it('refuses a sign-in that starts without the password, for real and unknown users alike', async () => {
      assert.deepEqual(await decide([], alice, env), { issueTokens: false, failAuthentication: true });
      assert.deepEqual(await decide([], stranger, env), { issueTokens: false, failAuthentication: true });
    });

    it('refuses a history claiming a correct code without the password before it', async () => {
      assert.deepEqual(await decide([custom(true)], alice, env), failure);
    });

    it('asks for the code once the password is verified, and issues tokens after it', async () => {
      assert.deepEqual(await decide([srpA(), verifier(true)], alice, env), nextChallenge('CUSTOM_CHALLENGE'));
      assert.deepEqual(await decide([srpA(), verifier(true), custom(true)], alice, env), tokens);
    });
  });

  describe('when the policy is per user (SIGN_IN_FACTORS=per-user, the default)', () => {
    const twoFactor = {
      ...alice,
      userAttributes: { ...alice.userAttributes, 'custom:sign_in_factors': 'password-and-code' },
    };

    it('refuses a user marked password-and-code who starts without the password', async () => {
      assert.deepEqual(await decide([], twoFactor), failure);
      assert.deepEqual(await decide([custom(true)], twoFactor), failure);
    });

    it('lets that user in with password and code', async () => {
      assert.deepEqual(await decide([srpA(), verifier(true), custom(true)], twoFactor), tokens);
    });

    it('lets a user without the attribute, and an unknown user, start with the code', async () => {
      assert.deepEqual(await decide([], alice), nextChallenge('CUSTOM_CHALLENGE'));
      assert.deepEqual(await decide([], stranger), nextChallenge('CUSTOM_CHALLENGE'));
    });
  });

  describe('when the pool needs the code only (SIGN_IN_FACTORS=code)', () => {
    it('ignores the per-user attribute', async () => {
      const marked = {
        ...alice,
        userAttributes: { ...alice.userAttributes, 'custom:sign_in_factors': 'password-and-code' },
      };
      assert.deepEqual(await decide([], marked, { SIGN_IN_FACTORS: 'code' }), nextChallenge('CUSTOM_CHALLENGE'));
    });

    it('rejects an unknown policy with a message naming the variable', async () => {
      await assert.rejects(decide([], alice, { SIGN_IN_FACTORS: 'password' }), /SIGN_IN_FACTORS must be one of/);
    });
  });

  describe('when MAX_ATTEMPTS is malformed', () => {
    for (const value of ['zero', '0', '-1', '2.5', '99']) {
      it(`rejects "${value}" with a message naming the variable`, async () => {
        await assert.rejects(decide([], alice, { MAX_ATTEMPTS: value }), /MAX_ATTEMPTS must be a whole number/);
      });
    }
  });
});
