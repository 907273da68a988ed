/*
 * The endpoint against the real client: aws-amplify v6 Auth running in Node.
 * Amplify is one global, so these tests run in order in this one file and reset the sign-in between them.
 * Tokens go to an in-memory key-value store. The in-progress sign-in needs no sessionStorage stand-in:
 * outside a browser Amplify falls back to its own in-memory storage for it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { confirmSignIn, fetchAuthSession, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { decodeJwt } from 'jose';
import { clearDevLogs, cognitoRequest, fetchRequests, latestCode } from '../../../backend/local-cognito/dev-client.ts';
import { RELAXED_LIMITS_ENV, start, type LocalCognito } from '../../../backend/local-cognito/server.ts';
import { configureAmplify, stored } from './amplify-in-node.ts';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const BOB_PASSWORD = 'Correct-Horse-42';

type AuthFlowType = 'CUSTOM_WITHOUT_SRP' | 'CUSTOM_WITH_SRP' | 'USER_SRP_AUTH';

const storedToken = (server: LocalCognito, kind: 'refreshToken' | 'accessToken') =>
  stored.get(
    `CognitoIdentityServiceProvider.${server.clientId}.${stored.get(`CognitoIdentityServiceProvider.${server.clientId}.LastAuthUser`)}.${kind}`,
  );

const operations = async (server: LocalCognito) =>
  (await fetchRequests(server.url)).map((request) => request.operation);

const rejection = (name: string, message?: string) => (error: unknown) => {
  const { name: actualName, message: actualMessage } = error as Error;
  assert.equal(actualName, name);
  if (message !== undefined) assert.equal(actualMessage, message);
  return true;
};

describe('local Cognito endpoint, driven by Amplify v6', () => {
  let server: LocalCognito;

  const beginSignIn = (username: string, authFlowType: AuthFlowType = 'CUSTOM_WITHOUT_SRP', password?: string) =>
    signIn({ username, ...(password === undefined ? {} : { password }), options: { authFlowType } });

  before(async () => {
    server = await start({ port: 0, log: () => {}, triggerEnv: RELAXED_LIMITS_ENV });
    configureAmplify(server);
  });
  after(() => server.close());
  beforeEach(async () => {
    await signOut();
    await clearDevLogs(server.url);
  });

  describe('when a passwordless sign-in succeeds', () => {
    it('goes through the custom challenge to DONE with two calls and no device confirmation', async () => {
      const first = await beginSignIn(ALICE);
      assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
      const info = (first.nextStep as { additionalInfo?: Record<string, string> }).additionalInfo;
      assert.equal(info?.destination, 'a***@e***.com');
      assert.equal(info?.codeLength, '6');
      assert.equal(info?.attemptsLeft, '3');

      const done = await confirmSignIn({ challengeResponse: await latestCode(server.url, ALICE) });
      assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
      // As in a pool that signs in with email: the username is the UUID (= sub), the typed email is the loginId.
      const user = await getCurrentUser();
      assert.match(user.username, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(user.userId, user.username);
      assert.equal(user.signInDetails?.loginId, ALICE);
      assert.deepEqual(await operations(server), ['InitiateAuth', 'RespondToAuthChallenge']);
    });

    it('refuses a second sign-in while tokens are stored', async () => {
      await beginSignIn(ALICE);
      await confirmSignIn({ challengeResponse: await latestCode(server.url, ALICE) });
      await assert.rejects(beginSignIn(ALICE), rejection('UserAlreadyAuthenticatedException'));
    });
  });

  describe('when the session is refreshed', () => {
    it('gets new tokens with the refresh token', async () => {
      await beginSignIn(ALICE);
      await confirmSignIn({ challengeResponse: await latestCode(server.url, ALICE) });
      const before = (await fetchAuthSession()).tokens!.accessToken;
      const after = (await fetchAuthSession({ forceRefresh: true })).tokens!.accessToken;
      assert.notEqual(after.payload.jti, before.payload.jti);
      assert.equal(after.payload.origin_jti, before.payload.origin_jti);
      assert.ok((await operations(server)).includes('GetTokensFromRefreshToken'));
    });
  });

  describe('when the user signs out', () => {
    it('revokes the refresh token on the server', async () => {
      await beginSignIn(ALICE);
      await confirmSignIn({ challengeResponse: await latestCode(server.url, ALICE) });
      const refreshToken = storedToken(server, 'refreshToken');
      assert.ok(refreshToken);
      await signOut();
      assert.ok((await operations(server)).includes('RevokeToken'));
      const refresh = await cognitoRequest(server.url, 'GetTokensFromRefreshToken', {
        ClientId: server.clientId,
        RefreshToken: refreshToken,
      });
      assert.equal(refresh.status, 400);
      assert.equal(refresh.headers.get('x-amzn-errortype'), 'NotAuthorizedException');
    });

    it('signs out everywhere with global sign-out', async () => {
      await beginSignIn(ALICE);
      await confirmSignIn({ challengeResponse: await latestCode(server.url, ALICE) });
      const accessToken = storedToken(server, 'accessToken');
      await signOut({ global: true });
      assert.ok((await operations(server)).includes('GlobalSignOut'));
      const user = await cognitoRequest(server.url, 'GetUser', { AccessToken: accessToken });
      assert.deepEqual(user.body, { __type: 'NotAuthorizedException', message: 'Access Token has been revoked' });
    });
  });

  describe('when a wrong code is entered', () => {
    it('stays on the custom challenge with one attempt fewer, then accepts the right code', async () => {
      await beginSignIn(ALICE);
      const code = await latestCode(server.url, ALICE);
      const retry = await confirmSignIn({ challengeResponse: code === '000000' ? '000001' : '000000' });
      assert.equal(retry.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
      assert.equal((retry.nextStep as { additionalInfo?: Record<string, string> }).additionalInfo?.attemptsLeft, '2');
      assert.equal((await confirmSignIn({ challengeResponse: code })).isSignedIn, true);
    });

    it('fails after three wrong codes; a fresh sign-in then works', async () => {
      await beginSignIn(ALICE);
      const code = await latestCode(server.url, ALICE);
      const wrong = code === '000000' ? '000001' : '000000';
      await confirmSignIn({ challengeResponse: wrong });
      await confirmSignIn({ challengeResponse: wrong });
      await assert.rejects(
        confirmSignIn({ challengeResponse: wrong }),
        rejection('NotAuthorizedException', 'Incorrect username or password.'),
      );
      // Amplify keeps the dead session: answering again is refused, which is why clients must start over.
      await assert.rejects(
        confirmSignIn({ challengeResponse: code }),
        rejection('NotAuthorizedException', 'Invalid session for the user.'),
      );
      await beginSignIn(ALICE);
      assert.equal((await confirmSignIn({ challengeResponse: await latestCode(server.url, ALICE) })).isSignedIn, true);
    });
  });

  describe('when the user does not exist', () => {
    it('shows a challenge and fails only after the last attempt', async () => {
      const first = await beginSignIn('nobody@example.com');
      assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
      assert.equal(
        (first.nextStep as { additionalInfo?: Record<string, string> }).additionalInfo?.destination,
        'n***@e***.com',
      );
      await confirmSignIn({ challengeResponse: '123456' });
      await confirmSignIn({ challengeResponse: '123456' });
      await assert.rejects(
        confirmSignIn({ challengeResponse: '123456' }),
        rejection('NotAuthorizedException', 'Incorrect username or password.'),
      );
    });
  });

  describe('when the sign-in starts with a password (CUSTOM_WITH_SRP)', () => {
    it('verifies the password by SRP, then asks for the code', async () => {
      const first = await beginSignIn(BOB, 'CUSTOM_WITH_SRP', BOB_PASSWORD);
      assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE');
      assert.deepEqual(await operations(server), ['InitiateAuth', 'RespondToAuthChallenge']);
      const done = await confirmSignIn({ challengeResponse: await latestCode(server.url, BOB) });
      assert.equal(done.isSignedIn, true);
      const access = decodeJwt(storedToken(server, 'accessToken')!);
      assert.equal(access.username, access.sub);
      assert.equal((await getCurrentUser()).signInDetails?.loginId, BOB);
    });

    it('refuses a wrong password before any code is sent', async () => {
      await assert.rejects(
        beginSignIn(BOB, 'CUSTOM_WITH_SRP', 'correct-horse-42'),
        rejection('NotAuthorizedException', 'Incorrect username or password.'),
      );
      await assert.rejects(latestCode(server.url, BOB), /no code has been sent/);
    });

    it('refuses a passwordless user and an unknown one the same way', async () => {
      for (const username of [ALICE, 'nobody@example.com']) {
        await assert.rejects(
          beginSignIn(username, 'CUSTOM_WITH_SRP', BOB_PASSWORD),
          rejection('NotAuthorizedException', 'Incorrect username or password.'),
        );
      }
    });
  });

  describe('when a user who needs password and code leaves one out', () => {
    it('refuses the password alone (USER_SRP_AUTH), which the app client does not allow', async () => {
      await assert.rejects(
        beginSignIn(BOB, 'USER_SRP_AUTH', BOB_PASSWORD),
        rejection('InvalidParameterException', 'USER_SRP_AUTH flow not enabled for this client'),
      );
      assert.equal(storedToken(server, 'accessToken'), undefined);
    });

    it('refuses the code alone (CUSTOM_WITHOUT_SRP) before any code is sent', async () => {
      await assert.rejects(beginSignIn(BOB), rejection('NotAuthorizedException', 'Incorrect username or password.'));
      await assert.rejects(latestCode(server.url, BOB), /no code has been sent/);
    });
  });

  describe('when the answer comes after the session expired', () => {
    let shortLived: LocalCognito;
    before(async () => {
      shortLived = await start({ port: 0, log: () => {}, sessionTtlSeconds: 0.3, triggerEnv: RELAXED_LIMITS_ENV });
      configureAmplify(shortLived);
    });
    after(async () => {
      configureAmplify(server);
      await shortLived.close();
    });

    it('reports the expiry', async () => {
      await beginSignIn(ALICE);
      const code = await latestCode(shortLived.url, ALICE);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await assert.rejects(
        confirmSignIn({ challengeResponse: code }),
        rejection('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
      );
    });
  });
});
