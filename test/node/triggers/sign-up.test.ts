// Passwordless sign-up in the triggers: Pre Sign-up confirms without a code of its own and remembers the sign-up;
// Create makes its one exception to "verified addresses only" for such an account; Verify marks the address
// verified when the code sent to it came back. Against a real DynamoDB-compatible server (dynalite).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PreSignUpTriggerEvent } from 'aws-lambda';
import type { AddressVerifier } from '../../../backend/triggers/address-verifier.ts';
import type { CodeMessage } from '../../../backend/triggers/code-sender.ts';
import { createCreateAuthChallengeHandler } from '../../../backend/triggers/create-auth-challenge.ts';
import { createPreSignUpHandler } from '../../../backend/triggers/pre-sign-up.ts';
import {
  createAuthChallengeEvent,
  preSignUpEvent,
  verifyAuthChallengeResponseEvent,
  type TriggerContext,
} from '../../../backend/triggers/trigger-events.ts';
import { createVerifyAuthChallengeResponseHandler } from '../../../backend/triggers/verify-auth-challenge-response.ts';
import { NOW, alice } from './fixtures.ts';
import { RELAXED_LIMITS, useLimitsTables } from './limits-fixture.ts';

const limitsTables = useLimitsTables();
const env = { CREATE_MIN_DURATION_MS: '0', ...RELAXED_LIMITS };

/** Someone who signed themselves up: confirmed, address not verified yet. */
const newcomer: TriggerContext = {
  ...alice,
  userName: '7a2e0000-0000-4000-8000-000000000002',
  userAttributes: {
    email: 'Newcomer@Example.com',
    email_verified: 'false',
    sub: '7a2e0000-0000-4000-8000-000000000002',
  },
};

/** An account an administrator made with an address nobody proved. */
const unproved: TriggerContext = {
  ...newcomer,
  userName: '7a2e0000-0000-4000-8000-000000000003',
  userAttributes: {
    ...newcomer.userAttributes,
    email: 'typo@example.com',
    sub: '7a2e0000-0000-4000-8000-000000000003',
  },
};

/** Pre Sign-up, Create and Verify sharing one fresh limits table, a recording sender and a recording verifier. */
async function triggers() {
  const attempts = await limitsTables.fresh(() => NOW);
  const sent: CodeMessage[] = [];
  const verified: Array<[string, string]> = [];
  const logged: string[] = [];
  const verifier: AddressVerifier = {
    async markVerified(userPoolId, username) {
      verified.push([userPoolId, username]);
    },
  };
  const preSignUp = createPreSignUpHandler({ attempts, env });
  const create = createCreateAuthChallengeHandler({
    sender: { send: async (message) => void sent.push(message) },
    attempts,
    env,
    now: () => NOW,
    log: (line) => logged.push(line),
  });
  const verify = createVerifyAuthChallengeResponseHandler({ attempts, env, now: () => NOW, verifier });
  const signUp = (email: string, triggerSource: PreSignUpTriggerEvent['triggerSource'] = 'PreSignUp_SignUp') =>
    preSignUp({
      ...preSignUpEvent({ ...alice, userName: newcomer.userName, userAttributes: { email } }),
      triggerSource,
    } as PreSignUpTriggerEvent);
  const challenge = async (context: TriggerContext) => (await create(createAuthChallengeEvent(context, []))).response;
  const answer = async (context: TriggerContext, privateParameters: Record<string, string>, given: string) =>
    (await verify(verifyAuthChallengeResponseEvent(context, privateParameters, given))).response.answerCorrect;
  return { signUp, challenge, answer, sent, verified, logged };
}

describe('passwordless sign-up in the triggers', () => {
  describe('Pre Sign-up', () => {
    it('confirms a user signing themselves up, without verifying the address (the first code will)', async () => {
      const { signUp } = await triggers();
      const { response } = await signUp('newcomer@example.com');
      assert.deepEqual(response, { autoConfirmUser: true, autoVerifyEmail: false, autoVerifyPhone: false });
    });

    it('leaves users made by administrators as Cognito makes them', async () => {
      const { signUp, challenge, sent } = await triggers();
      const { response } = await signUp('typo@example.com', 'PreSignUp_AdminCreateUser');
      assert.deepEqual(response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
      await challenge(unproved);
      assert.deepEqual(sent, [], 'no sign-up was remembered for that address');
    });

    it('fails a sign-up without an address, which a pool that signs in with email never sends', async () => {
      const { signUp } = await triggers();
      await assert.rejects(signUp(''), /needs an email address/);
    });
  });

  describe('Create, for an account whose address is not verified', () => {
    it('sends the code when the account was signed up (in any letter case of its address), and tells Verify', async () => {
      const { signUp, challenge, sent } = await triggers();
      await signUp('newcomer@example.com');
      const response = await challenge(newcomer);
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.to, 'Newcomer@Example.com');
      assert.equal(response.privateChallengeParameters.provesAddress, 'true');
      assert.equal(response.privateChallengeParameters.code, sent[0]!.code);
      assert.equal(response.publicChallengeParameters.provesAddress, undefined, 'the client never learns it');
    });

    it('sends nothing to an address nobody signed up with, and says so in the log only', async () => {
      const { challenge, sent, logged } = await triggers();
      const response = await challenge(unproved);
      assert.deepEqual(sent, []);
      assert.equal(response.privateChallengeParameters.provesAddress, undefined);
      assert.ok(logged.some((line) => line.includes('not verified')));
      assert.deepEqual(Object.keys(response.publicChallengeParameters).sort(), [
        'attemptsLeft',
        'codeLength',
        'deliveryMedium',
        'destination',
        'expiresAt',
      ]);
    });

    it('sends to a verified address as ever, with nothing to prove', async () => {
      const { challenge, sent } = await triggers();
      const response = await challenge(alice);
      assert.equal(sent.length, 1);
      assert.equal(response.privateChallengeParameters.provesAddress, undefined);
    });
  });

  describe('Verify', () => {
    it('marks the address verified when the code sent to it came back, before accepting the answer', async () => {
      const { signUp, challenge, answer, verified } = await triggers();
      await signUp('newcomer@example.com');
      const { privateChallengeParameters } = await challenge(newcomer);
      assert.equal(await answer(newcomer, privateChallengeParameters, privateChallengeParameters.code!), true);
      assert.deepEqual(verified, [[newcomer.userPoolId, newcomer.userName]]);
    });

    it('marks nothing for a wrong code', async () => {
      const { signUp, challenge, answer, verified } = await triggers();
      await signUp('newcomer@example.com');
      const { privateChallengeParameters } = await challenge(newcomer);
      const wrong = privateChallengeParameters.code === '000000' ? '111111' : '000000';
      assert.equal(await answer(newcomer, privateChallengeParameters, wrong), false);
      assert.deepEqual(verified, []);
    });

    it('marks nothing for a right code that proved no address', async () => {
      const { challenge, answer, verified } = await triggers();
      const { privateChallengeParameters } = await challenge(alice);
      assert.equal(await answer(alice, privateChallengeParameters, privateChallengeParameters.code!), true);
      assert.deepEqual(verified, []);
    });

    it('fails loudly when it would have to mark an address but has no way to', async () => {
      const attempts = await limitsTables.fresh(() => NOW);
      const verify = createVerifyAuthChallengeResponseHandler({ attempts, env, now: () => NOW });
      const parameters = { code: '123456', expiresAt: String(NOW + 60_000), provesAddress: 'true' };
      await assert.rejects(
        verify(verifyAuthChallengeResponseEvent(newcomer, parameters, '123456')),
        /nothing to mark it verified/,
      );
    });
  });
});
