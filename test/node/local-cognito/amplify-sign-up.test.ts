/*
 * Passwordless sign-up with auto sign-in (USER_AUTH) against the real client: aws-amplify v6 Auth in Node, as
 * the element calls it. In a pool with USER_AUTH alone, Cognito's confirmation code proves the address and is the
 * first factor: signUp → confirmSignUp → autoSignIn signs in without a second code. In a pool that also runs the
 * custom flow, Pre Sign-up confirms at once, and autoSignIn goes on to the emailed sign-in code.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import {
  autoSignIn,
  confirmSignIn,
  confirmSignUp,
  fetchAuthSession,
  resendSignUpCode,
  signOut,
  signUp,
} from 'aws-amplify/auth';
import { clearDevLogs, fetchMessages, fetchRequests, latestCode } from '../../../backend/local-cognito/dev-client.ts';
import {
  RELAXED_LIMITS_ENV,
  start,
  type LocalCognito,
  type StartOptions,
} from '../../../backend/local-cognito/server.ts';
import { configureAmplify } from './amplify-in-node.ts';
import { UUID } from './shapes.ts';

// Amplify's signUp arms a three-minute timer that forgets the auto sign-in, and does not clear it once the
// sign-up is confirmed (signUpHelpers' handleCodeAutoSignIn): unreferenced, it does not hold this process open.
const setTimer = globalThis.setTimeout;
globalThis.setTimeout = ((handler: () => void, ms?: number) => {
  const timer = setTimer(handler, ms);
  if ((ms ?? 0) >= 60_000) timer.unref();
  return timer;
}) as typeof globalThis.setTimeout;

const operations = async (server: LocalCognito) =>
  (await fetchRequests(server.url)).map((request) => request.operation);

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(code.length, '0');

/** A running endpoint for the enclosing suite, with Amplify pointed at it and signed out before each spec. */
function pool(options: StartOptions) {
  const context = {} as { server: LocalCognito };
  before(async () => {
    context.server = await start({
      port: 0,
      log: () => {},
      users: [{ email: 'alice@example.com' }],
      selfSignUp: true,
      triggerEnv: RELAXED_LIMITS_ENV,
      ...options,
    });
    configureAmplify(context.server);
  });
  after(() => context.server.close());
  beforeEach(async () => {
    await signOut();
    await clearDevLogs(context.server.url);
    // Amplify drops an autoSignIn that follows the previous one within 300 ms (it is debounced).
    await delay(350);
  });
  return context;
}

/** Amplify's passwordless sign-up with auto sign-in, as the element makes it for `auth-flow="user-auth"`. */
function signUpWithoutPassword(email: string, preferredChallenge?: 'EMAIL_OTP') {
  return signUp({
    username: email,
    options: {
      userAttributes: { email },
      autoSignIn: { authFlowType: 'USER_AUTH', ...(preferredChallenge ? { preferredChallenge } : {}) },
    },
  });
}

/** The signed-in user's ID token claims. */
async function idTokenClaims() {
  const { tokens } = await fetchAuthSession();
  assert.ok(tokens?.idToken, 'signed in');
  return tokens.idToken.payload;
}

describe('passwordless sign-up with auto sign-in (USER_AUTH), driven by Amplify v6', () => {
  describe('when the pool runs USER_AUTH alone and confirms sign-ups by its own code', () => {
    const context = pool({ customAuth: false, userAuth: { firstFactors: ['EMAIL_OTP', 'WEB_AUTHN'] } });

    it('signs up without a password, confirms with the emailed code and signs in with no second code', async () => {
      const email = 'new.person@example.com';
      const signedUp = await signUpWithoutPassword(email);
      assert.equal(signedUp.isSignUpComplete, false);
      assert.deepEqual(signedUp.nextStep, {
        signUpStep: 'CONFIRM_SIGN_UP',
        codeDeliveryDetails: { destination: 'n***@e***.com', deliveryMedium: 'EMAIL', attributeName: 'email' },
      });
      assert.match(String(signedUp.userId), UUID);

      const confirmed = await confirmSignUp({
        username: email,
        confirmationCode: await latestCode(context.server.url, email),
      });
      assert.deepEqual(confirmed, { isSignUpComplete: true, nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' } });

      const signedIn = await autoSignIn();
      assert.deepEqual(signedIn, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      const claims = await idTokenClaims();
      assert.equal(claims.email_verified, true, 'the confirmation code proved the address');
      assert.equal(claims.email, email);
      assert.equal(claims['cognito:username'], signedUp.userId);
      assert.deepEqual(await operations(context.server), ['SignUp', 'ConfirmSignUp', 'InitiateAuth']);
      assert.equal((await fetchMessages(context.server.url)).length, 1, 'one code in all');
    });

    it('lets the user correct a wrong confirmation code, then still signs in automatically', async () => {
      const email = 'typo@example.com';
      await signUpWithoutPassword(email);
      const code = await latestCode(context.server.url, email);
      await assert.rejects(confirmSignUp({ username: email, confirmationCode: wrongCode(code) }), {
        name: 'CodeMismatchException',
      });
      await confirmSignUp({ username: email, confirmationCode: code });
      assert.equal((await autoSignIn()).isSignedIn, true);
    });

    it('sends a new code on resend, and the sign-up goes on with it', async () => {
      const email = 'resend@example.com';
      await signUpWithoutPassword(email);
      const first = await latestCode(context.server.url, email);
      assert.deepEqual(await resendSignUpCode({ username: email }), {
        destination: 'r***@e***.com',
        deliveryMedium: 'EMAIL',
        attributeName: 'email',
      });
      const second = await latestCode(context.server.url, email);
      assert.equal((await fetchMessages(context.server.url)).length, 2);
      if (first !== second) {
        await assert.rejects(confirmSignUp({ username: email, confirmationCode: first }), {
          name: 'CodeMismatchException',
        });
      }
      await confirmSignUp({ username: email, confirmationCode: second });
      assert.equal((await autoSignIn()).isSignedIn, true);
    });
  });

  describe('when the pool also runs the custom flow, whose Pre Sign-up confirms at once', () => {
    const context = pool({ userAuth: { firstFactors: ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] } });

    it('completes the sign-up at once; auto sign-in asks for the emailed code, which proves the address', async () => {
      const email = 'quick@example.com';
      const signedUp = await signUpWithoutPassword(email, 'EMAIL_OTP');
      assert.deepEqual(signedUp.nextStep, { signUpStep: 'COMPLETE_AUTO_SIGN_IN' });
      assert.deepEqual(await fetchMessages(context.server.url), [], 'no confirmation code');

      const challenged = await autoSignIn();
      assert.deepEqual(challenged.nextStep, {
        signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'q***@e***.com' },
      });
      const done = await confirmSignIn({ challengeResponse: await latestCode(context.server.url, email) });
      assert.equal(done.isSignedIn, true);
      assert.equal((await idTokenClaims()).email_verified, true);
      assert.deepEqual(await operations(context.server), ['SignUp', 'InitiateAuth', 'RespondToAuthChallenge']);
    });
  });
});
