/*
 * Choice-based sign-in (USER_AUTH) against the real client: aws-amplify v6 Auth in Node, as the element calls it
 * (signIn with authFlowType USER_AUTH, confirmSignIn for the pick and the code, the passkey list). Passkey
 * prompts need a browser; the element's end-to-end specs cover them.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  confirmSignIn,
  deleteWebAuthnCredential,
  fetchAuthSession,
  listWebAuthnCredentials,
  signIn,
  signOut,
} from 'aws-amplify/auth';
import {
  clearDevLogs,
  cognitoRequest,
  fetchMessages,
  fetchRequests,
  latestCode,
} from '../../../backend/local-cognito/dev-client.ts';
import { RELAXED_LIMITS_ENV, start, type LocalCognito } from '../../../backend/local-cognito/server.ts';
import { configureAmplify } from './amplify-in-node.ts';
import { createPasskey } from './test-authenticator.ts';

const ALICE = 'alice@example.com';
const ERIN = 'erin@example.com';

const operations = async (server: LocalCognito) =>
  (await fetchRequests(server.url)).map((request) => request.operation);

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(code.length, '0');

describe('choice-based sign-in (USER_AUTH), driven by Amplify v6', () => {
  let server: LocalCognito;

  before(async () => {
    server = await start({
      port: 0,
      log: () => {},
      users: [
        { email: ALICE, attributes: { name: 'Alice' } },
        { email: ERIN, attributes: { phone_number: '+15555550100' } },
      ],
      userAuth: { firstFactors: ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] },
      triggerEnv: RELAXED_LIMITS_ENV,
    });
    configureAmplify(server);
  });
  after(() => server.close());
  beforeEach(async () => {
    await signOut();
    await clearDevLogs(server.url);
  });

  describe('when the email code is preferred', () => {
    it('asks for the email code with its masked destination, then signs in: two requests', async () => {
      const first = await signIn({
        username: ALICE,
        options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' },
      });
      assert.deepEqual(first.nextStep, {
        signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'a***@e***.com' },
      });
      const done = await confirmSignIn({ challengeResponse: await latestCode(server.url, ALICE) });
      assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      assert.deepEqual(await operations(server), ['InitiateAuth', 'RespondToAuthChallenge']);
    });

    it('lets the user try again after a wrong code, in the same sign-in', async () => {
      await signIn({ username: ALICE, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
      const code = await latestCode(server.url, ALICE);
      await assert.rejects(confirmSignIn({ challengeResponse: wrongCode(code) }), { name: 'CodeMismatchException' });
      const done = await confirmSignIn({ challengeResponse: code });
      assert.equal(done.nextStep.signInStep, 'DONE');
    });
  });

  describe('when no method is preferred', () => {
    it('offers the pool’s methods, sends a code for the one picked, and signs in: three requests', async () => {
      const first = await signIn({ username: ALICE, options: { authFlowType: 'USER_AUTH' } });
      assert.deepEqual(first.nextStep, {
        signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
        availableChallenges: ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'],
      });
      const picked = await confirmSignIn({ challengeResponse: 'EMAIL_OTP' });
      assert.equal(picked.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
      const done = await confirmSignIn({ challengeResponse: await latestCode(server.url, ALICE) });
      assert.equal(done.nextStep.signInStep, 'DONE');
      assert.deepEqual(await operations(server), ['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge']);
    });

    it('lets the user pick a code after the passkey prompt failed (here: no WebAuthn at all)', async () => {
      await signIn({ username: ALICE, options: { authFlowType: 'USER_AUTH' } });
      // Node has no navigator.credentials: Amplify fails as in a browser without passkeys, before any answer.
      await assert.rejects(confirmSignIn({ challengeResponse: 'WEB_AUTHN' }), { name: 'PasskeyNotSupported' });
      const picked = await confirmSignIn({ challengeResponse: 'EMAIL_OTP' });
      assert.equal(picked.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
      const done = await confirmSignIn({ challengeResponse: await latestCode(server.url, ALICE) });
      assert.equal(done.nextStep.signInStep, 'DONE');
      assert.deepEqual(await operations(server), [
        'InitiateAuth',
        'RespondToAuthChallenge',
        'RespondToAuthChallenge',
        'RespondToAuthChallenge',
      ]);
    });

    it('sends a text message when SMS_OTP is picked', async () => {
      await signIn({ username: ERIN, options: { authFlowType: 'USER_AUTH' } });
      const picked = await confirmSignIn({ challengeResponse: 'SMS_OTP' });
      assert.deepEqual(picked.nextStep, {
        signInStep: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
        codeDeliveryDetails: { deliveryMedium: 'SMS', destination: '+*******0100' },
      });
      const [message] = await fetchMessages(server.url);
      assert.equal(message?.to, '+15555550100');
      assert.equal((await confirmSignIn({ challengeResponse: message!.code })).nextStep.signInStep, 'DONE');
    });
  });

  describe('when the signed-in user manages passkeys', () => {
    it('lists none, and deleting an unknown one fails with ResourceNotFoundException', async () => {
      await signIn({ username: ALICE, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
      await confirmSignIn({ challengeResponse: await latestCode(server.url, ALICE) });
      assert.deepEqual(await listWebAuthnCredentials(), { credentials: [], nextToken: undefined });
      await assert.rejects(deleteWebAuthnCredential({ credentialId: 'missing' }), {
        name: 'ResourceNotFoundException',
      });
    });

    it('lists a passkey registered for the user with its details, and deletes it', async () => {
      await signIn({ username: ALICE, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
      await confirmSignIn({ challengeResponse: await latestCode(server.url, ALICE) });
      // Registered without a browser: the test's authenticator answers the options Amplify would pass to it.
      const AccessToken = (await fetchAuthSession()).tokens!.accessToken.toString();
      const options = await cognitoRequest(server.url, 'StartWebAuthnRegistration', { AccessToken });
      const { response } = createPasskey(
        (options.body as { CredentialCreationOptions: never }).CredentialCreationOptions,
      );
      const completed = await cognitoRequest(server.url, 'CompleteWebAuthnRegistration', {
        AccessToken,
        Credential: response,
      });
      assert.equal(completed.status, 200);

      const { credentials } = await listWebAuthnCredentials();
      assert.equal(credentials.length, 1);
      const [passkey] = credentials;
      assert.equal(passkey!.credentialId, response.id);
      assert.equal(passkey!.friendlyCredentialName, 'Passkey 1');
      assert.equal(passkey!.relyingPartyId, 'localhost');
      assert.deepEqual(passkey!.authenticatorTransports, ['internal']);
      assert.ok(Math.abs(passkey!.createdAt!.getTime() - Date.now()) < 60_000, 'CreatedAt is in epoch seconds');
      await deleteWebAuthnCredential({ credentialId: response.id });
      assert.deepEqual((await listWebAuthnCredentials()).credentials, []);
    });
  });
});
