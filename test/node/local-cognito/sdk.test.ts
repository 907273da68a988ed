import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  UnauthorizedException,
  UnsupportedTokenTypeException,
  type AuthenticationResultType,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { fetchMessages, latestCode } from '../../../backend/local-cognito/dev-client.ts';
import { type StartOptions } from '../../../backend/local-cognito/server.ts';
import { sdkEndpoint } from './sdk-endpoint.ts';
import { UUID } from './shapes.ts';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const users = [
  { email: ALICE, attributes: { name: 'Alice' } },
  { email: BOB, password: 'Correct-Horse-42' },
  { email: 'carol@example.com', enabled: false },
  ...Array.from({ length: 8 }, (_, i) => ({ email: `user${i}@example.com` })),
];

/** A local endpoint and an SDK client pointed at it, closed after the enclosing suite. */
function endpoint(options: StartOptions = {}) {
  // USER_SRP_AUTH on, as for a deployment that asks for password-only sign-in, so its protocol is covered too.
  const context = sdkEndpoint({ users, userSrpAuth: true, ...options });

  const initiate = (username: string, clientId = context.server.clientId) =>
    context.client.send(
      new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username } }),
    );
  const answer = (session: string | undefined, username: string, code: string) =>
    context.client.send(
      new RespondToAuthChallengeCommand({
        ChallengeName: 'CUSTOM_CHALLENGE',
        ClientId: context.server.clientId,
        Session: session,
        ChallengeResponses: { USERNAME: username, ANSWER: code },
      }),
    );
  // Answers for the USERNAME the challenge names (the generated UUID), as Amplify does.
  const signIn = async (email: string): Promise<AuthenticationResultType> => {
    const challenge = await initiate(email);
    const { AuthenticationResult } = await answer(
      challenge.Session,
      challenge.ChallengeParameters!.USERNAME!,
      await latestCode(context.server.url, email),
    );
    assert.ok(AuthenticationResult);
    return AuthenticationResult;
  };
  const refresh = (refreshToken: string | undefined) =>
    context.client.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: context.server.clientId, RefreshToken: refreshToken }),
    );
  const getUser = (accessToken: string | undefined) =>
    context.client.send(new GetUserCommand({ AccessToken: accessToken }));
  return Object.assign(context, { initiate, answer, signIn, refresh, getUser });
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(code.length, '0');
const error = (name: string, message?: string) => (message === undefined ? { name } : { name, message });
const incorrect = error('NotAuthorizedException', 'Incorrect username or password.');

describe('local Cognito endpoint, driven by the AWS SDK', () => {
  const pool = endpoint();

  describe('when a passwordless sign-in succeeds', () => {
    let challenge: InitiateAuthCommandOutput;
    let result: AuthenticationResultType;
    let aliceUsername: string;

    it('answers InitiateAuth with a custom challenge describing the code', async () => {
      challenge = await pool.initiate(ALICE);
      assert.equal(challenge.ChallengeName, 'CUSTOM_CHALLENGE');
      assert.ok(challenge.Session && challenge.Session.length > 20);
      const { expiresAt, USERNAME, ...parameters } = challenge.ChallengeParameters ?? {};
      assert.match(String(USERNAME), UUID, 'the pool signs in with email, so the username is a generated UUID');
      aliceUsername = USERNAME!;
      assert.deepEqual(parameters, {
        deliveryMedium: 'EMAIL',
        destination: 'a***@e***.com',
        codeLength: '6',
        attemptsLeft: '3',
      });
      assert.ok(Number(expiresAt) > Date.now());
    });

    it('delivers the code to the development inbox only', async () => {
      const messages = (await fetchMessages(pool.server.url)).filter((message) => message.to === ALICE);
      assert.equal(messages.length, 1);
      assert.equal(messages[0]!.username, aliceUsername);
      assert.match(messages[0]!.code, /^\d{6}$/);
      assert.ok(!JSON.stringify(challenge).includes(messages[0]!.code));
    });

    it('issues tokens for the right code, without device metadata', async () => {
      const response = await pool.answer(challenge.Session, aliceUsername, await latestCode(pool.server.url, ALICE));
      assert.equal(response.ChallengeName, undefined);
      assert.ok(response.AuthenticationResult);
      result = response.AuthenticationResult;
      assert.equal(result.ExpiresIn, 3600);
      assert.equal(result.TokenType, 'Bearer');
      assert.ok(result.AccessToken && result.IdToken && result.RefreshToken);
      assert.equal(result.NewDeviceMetadata, undefined);
    });

    it('signs an ID token that verifies against the served JWKS', async () => {
      const jwks = createRemoteJWKSet(new URL(`${pool.server.userPoolId}/.well-known/jwks.json`, pool.server.url));
      const { payload, protectedHeader } = await jwtVerify(result.IdToken!, jwks, {
        issuer: `${pool.server.url}${pool.server.userPoolId}`,
        audience: pool.server.clientId,
        algorithms: ['RS256'],
      });
      assert.equal(protectedHeader.alg, 'RS256');
      assert.equal(payload.token_use, 'id');
      assert.equal(payload['cognito:username'], aliceUsername);
      assert.equal(payload.sub, aliceUsername);
      assert.equal(payload.email, ALICE);
      assert.equal(payload.name, 'Alice');
    });

    it('signs the access token with another key than the ID token, and carries one event_id in both', async () => {
      const jwks = createRemoteJWKSet(new URL(`${pool.server.userPoolId}/.well-known/jwks.json`, pool.server.url));
      const access = await jwtVerify(result.AccessToken!, jwks, {
        issuer: `${pool.server.url}${pool.server.userPoolId}`,
        algorithms: ['RS256'],
      });
      assert.notEqual(access.protectedHeader.kid, decodeProtectedHeader(result.IdToken!).kid);
      assert.equal(access.payload.username, aliceUsername);
      assert.equal(access.payload.event_id, decodeJwt(result.IdToken!).event_id);
    });

    it('answers GetUser for the access token', async () => {
      const user = await pool.getUser(result.AccessToken);
      assert.equal(user.Username, aliceUsername);
      const attributes = Object.fromEntries((user.UserAttributes ?? []).map(({ Name, Value }) => [Name, Value]));
      assert.equal(attributes.email, ALICE);
      assert.equal(attributes.sub, decodeJwt(result.IdToken!).sub);
    });
  });

  describe('when a wrong code is entered', () => {
    it('asks again in a new session, with one attempt fewer and no new code', async () => {
      const challenge = await pool.initiate(ALICE);
      const sentBefore = (await fetchMessages(pool.server.url)).length;
      const code = await latestCode(pool.server.url, ALICE);
      const retry = await pool.answer(challenge.Session, ALICE, wrongCode(code));
      assert.equal(retry.ChallengeName, 'CUSTOM_CHALLENGE');
      assert.equal(retry.ChallengeParameters?.attemptsLeft, '2');
      assert.notEqual(retry.Session, challenge.Session);
      assert.equal((await fetchMessages(pool.server.url)).length, sentBefore);
      const done = await pool.answer(retry.Session, ALICE, code);
      assert.ok(done.AuthenticationResult?.AccessToken);
    });

    it('fails the sign-in after the third wrong code, and a new sign-in works', async () => {
      let challenge = await pool.initiate(ALICE);
      const code = await latestCode(pool.server.url, ALICE);
      for (const attemptsLeft of ['2', '1']) {
        const retry = await pool.answer(challenge.Session, ALICE, wrongCode(code));
        assert.equal(retry.ChallengeParameters?.attemptsLeft, attemptsLeft);
        challenge = retry;
      }
      await assert.rejects(pool.answer(challenge.Session, ALICE, wrongCode(code)), incorrect);
      await assert.rejects(
        pool.answer(challenge.Session, ALICE, code),
        error('NotAuthorizedException', 'Invalid session for the user.'),
      );
      assert.ok((await pool.signIn(ALICE)).AccessToken);
    });

    it('treats odd answers as wrong', async () => {
      let challenge = await pool.initiate(ALICE);
      for (const odd of ['', '٠٤٢٩١٧']) {
        challenge = await pool.answer(challenge.Session, ALICE, odd);
        assert.equal(challenge.ChallengeName, 'CUSTOM_CHALLENGE');
      }
      await assert.rejects(pool.answer(challenge.Session, ALICE, '9'.repeat(10_000)), incorrect);
    });
  });

  describe('when a session is spent', () => {
    it('refuses it', async () => {
      const challenge = await pool.initiate(ALICE);
      const code = await latestCode(pool.server.url, ALICE);
      await pool.answer(challenge.Session, ALICE, wrongCode(code));
      await assert.rejects(
        pool.answer(challenge.Session, ALICE, code),
        error('NotAuthorizedException', 'Invalid session for the user.'),
      );
    });

    it('refuses a session that was never issued', async () => {
      await assert.rejects(
        pool.answer('x'.repeat(64), ALICE, '123456'),
        error('NotAuthorizedException', 'Invalid session for the user.'),
      );
    });
  });

  describe('when the user does not exist', () => {
    it('runs a decoy challenge of the same shape and sends nothing', async () => {
      const sentBefore = (await fetchMessages(pool.server.url)).length;
      const real = await pool.initiate(ALICE);
      const decoy = await pool.initiate('nobody@example.com');
      assert.equal(decoy.ChallengeName, 'CUSTOM_CHALLENGE');
      assert.deepEqual(
        Object.keys(decoy.ChallengeParameters ?? {}).sort(),
        Object.keys(real.ChallengeParameters ?? {}).sort(),
      );
      assert.equal(decoy.ChallengeParameters?.destination, 'n***@e***.com');
      assert.equal(decoy.ChallengeParameters?.attemptsLeft, '3');
      assert.equal(decoy.Session?.length, real.Session?.length);
      assert.equal((await fetchMessages(pool.server.url)).length, sentBefore + 1);
    });

    it('fails at the same round as a real user giving wrong codes', async () => {
      let decoy = await pool.initiate('nobody@example.com');
      for (let round = 1; round < 3; round++) {
        decoy = await pool.answer(decoy.Session, 'nobody@example.com', '000000');
        assert.equal(decoy.ChallengeName, 'CUSTOM_CHALLENGE');
      }
      await assert.rejects(pool.answer(decoy.Session, 'nobody@example.com', '000000'), incorrect);
    });
  });

  describe('when the user is disabled', () => {
    it('refuses the sign-in', async () => {
      await assert.rejects(pool.initiate('carol@example.com'), error('NotAuthorizedException', 'User is disabled.'));
    });
  });

  describe('when the sign-in starts with SRP', () => {
    const srpA = (2n ** 1000n + 12345n).toString(16);
    const initiateSrp = (flow: 'CUSTOM_AUTH' | 'USER_SRP_AUTH', username: string) =>
      pool.client.send(
        new InitiateAuthCommand({
          AuthFlow: flow,
          ClientId: pool.server.clientId,
          AuthParameters: { USERNAME: username, SRP_A: srpA, CHALLENGE_NAME: 'SRP_A' },
        }),
      );
    const verifierKeys = ['SALT', 'SECRET_BLOCK', 'SRP_B', 'USERNAME', 'USER_ID_FOR_SRP'];

    it('asks for the password verifier, for known and unknown users alike', async () => {
      for (const [flow, username] of [
        ['CUSTOM_AUTH', BOB],
        ['CUSTOM_AUTH', 'nobody@example.com'],
        ['USER_SRP_AUTH', BOB],
      ] as const) {
        const challenge = await initiateSrp(flow, username);
        assert.equal(challenge.ChallengeName, 'PASSWORD_VERIFIER');
        assert.deepEqual(Object.keys(challenge.ChallengeParameters ?? {}).sort(), verifierKeys);
        assert.match(challenge.ChallengeParameters!.USER_ID_FOR_SRP!, UUID);
        assert.equal(challenge.ChallengeParameters?.USERNAME, challenge.ChallengeParameters?.USER_ID_FOR_SRP);
      }
    });

    it('refuses a malformed TIMESTAMP without spending the session, then a wrong signature', async () => {
      const challenge = await initiateSrp('CUSTOM_AUTH', BOB);
      const respond = (timestamp: string) =>
        pool.client.send(
          new RespondToAuthChallengeCommand({
            ChallengeName: 'PASSWORD_VERIFIER',
            ClientId: pool.server.clientId,
            Session: challenge.Session,
            ChallengeResponses: {
              USERNAME: BOB,
              PASSWORD_CLAIM_SECRET_BLOCK: challenge.ChallengeParameters!.SECRET_BLOCK!,
              PASSWORD_CLAIM_SIGNATURE: Buffer.alloc(32).toString('base64'),
              TIMESTAMP: timestamp,
            },
          }),
        );
      await assert.rejects(respond('2026-11-26T09:52:47Z'), error('InvalidParameterException'));
      await assert.rejects(respond('Thu Nov 26 09:52:47 UTC 2026'), incorrect);
    });
  });

  describe('when tokens are refreshed', () => {
    it('issues new access and ID tokens from the same sign-in, keeping the refresh token', async () => {
      const first = await pool.signIn(ALICE);
      const { AuthenticationResult } = await pool.refresh(first.RefreshToken);
      assert.ok(AuthenticationResult?.AccessToken);
      assert.equal(AuthenticationResult.RefreshToken, undefined);
      assert.notEqual(decodeJwt(AuthenticationResult.AccessToken).jti, decodeJwt(first.AccessToken!).jti);
      assert.equal(decodeJwt(AuthenticationResult.AccessToken).origin_jti, decodeJwt(first.AccessToken!).origin_jti);
    });

    it('accepts the older REFRESH_TOKEN_AUTH flow too', async () => {
      const first = await pool.signIn(ALICE);
      const { AuthenticationResult } = await pool.client.send(
        new InitiateAuthCommand({
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: pool.server.clientId,
          AuthParameters: { REFRESH_TOKEN: first.RefreshToken! },
        }),
      );
      const id = decodeJwt(AuthenticationResult!.IdToken!);
      assert.equal(id.email, ALICE);
      assert.equal(id['cognito:username'], decodeJwt(first.IdToken!)['cognito:username']);
    });

    it('refuses an unknown refresh token', async () => {
      await assert.rejects(pool.refresh('nope'), error('NotAuthorizedException', 'Invalid Refresh Token'));
    });
  });

  /** Asserts that a sign-in's refresh token is refused, and its access token with the given message. */
  async function assertRevoked(tokens: AuthenticationResultType, accessMessage: string) {
    await assert.rejects(
      pool.refresh(tokens.RefreshToken),
      error('NotAuthorizedException', 'Refresh Token has been revoked'),
    );
    await assert.rejects(pool.getUser(tokens.AccessToken), error('NotAuthorizedException', accessMessage));
  }

  describe('when a refresh token is revoked', () => {
    it('refuses it and the access tokens of that sign-in', async () => {
      const tokens = await pool.signIn(ALICE);
      await pool.client.send(new RevokeTokenCommand({ ClientId: pool.server.clientId, Token: tokens.RefreshToken }));
      await assertRevoked(tokens, 'Access Token has been revoked');
    });

    // The SDK builds an error of the named class only when the operation declares it; anything else arrives as
    // the generic service exception, so `instanceof` checks the answer against AWS's own service model.
    it('refuses an unknown app client with an error RevokeToken declares', async () => {
      const tokens = await pool.signIn(ALICE);
      await assert.rejects(
        pool.client.send(new RevokeTokenCommand({ ClientId: 'someoneelse', Token: tokens.RefreshToken })),
        (thrown: unknown) => thrown instanceof UnauthorizedException,
      );
      assert.ok((await pool.refresh(tokens.RefreshToken)).AuthenticationResult, 'the token was not revoked');
    });

    it('refuses an access or ID token with UnsupportedTokenTypeException', async () => {
      const tokens = await pool.signIn(ALICE);
      for (const Token of [tokens.AccessToken, tokens.IdToken]) {
        await assert.rejects(
          pool.client.send(new RevokeTokenCommand({ ClientId: pool.server.clientId, Token })),
          (thrown: unknown) => thrown instanceof UnsupportedTokenTypeException,
        );
      }
    });
  });

  describe('when a user signs out globally', () => {
    it("revokes every one of that user's sign-ins and no one else's", async () => {
      const laptop = await pool.signIn(ALICE);
      const phone = await pool.signIn(ALICE);
      const bob = await pool.signIn(BOB);
      await pool.client.send(new GlobalSignOutCommand({ AccessToken: phone.AccessToken }));
      await assertRevoked(laptop, 'Access Token has been revoked');
      await assertRevoked(phone, 'Access Token has been revoked');
      assert.equal((await pool.getUser(bob.AccessToken)).Username, decodeJwt(bob.AccessToken!).username);
    });
  });

  describe('when the request is not a valid call', () => {
    it('refuses an unknown app client', async () => {
      await assert.rejects(
        pool.initiate(ALICE, 'someoneelse'),
        error('ResourceNotFoundException', 'User pool client someoneelse does not exist.'),
      );
    });

    it('refuses flows this client does not enable', async () => {
      await assert.rejects(
        pool.client.send(
          new InitiateAuthCommand({
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: pool.server.clientId,
            AuthParameters: { USERNAME: BOB, PASSWORD: 'x' },
          }),
        ),
        error('InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'),
      );
    });

    it('names a missing USERNAME or ANSWER', async () => {
      await assert.rejects(
        pool.client.send(
          new InitiateAuthCommand({ AuthFlow: 'CUSTOM_AUTH', ClientId: pool.server.clientId, AuthParameters: {} }),
        ),
        error('InvalidParameterException', 'Missing required parameter USERNAME'),
      );
      const challenge = await pool.initiate(ALICE);
      await assert.rejects(
        pool.client.send(
          new RespondToAuthChallengeCommand({
            ChallengeName: 'CUSTOM_CHALLENGE',
            ClientId: pool.server.clientId,
            Session: challenge.Session,
            ChallengeResponses: { USERNAME: ALICE },
          }),
        ),
        error('InvalidParameterException', 'Missing required parameter ANSWER'),
      );
      const code = await latestCode(pool.server.url, ALICE);
      assert.ok(
        (await pool.answer(challenge.Session, ALICE, code)).AuthenticationResult,
        'the session survives a malformed call',
      );
    });
  });

  describe('when several people sign in at the same time', () => {
    it('keeps their sign-ins apart', async () => {
      const names = users.filter((user) => user.email.startsWith('user')).map((user) => user.email);
      const results = await Promise.all(names.map((name) => pool.signIn(name)));
      results.forEach((result, i) => assert.equal(decodeJwt(result.IdToken!).email, names[i]));
    });
  });
});

describe('local Cognito endpoint with a short session lifetime', () => {
  const pool = endpoint({ sessionTtlSeconds: 0.3 });

  it('says a late answer comes from an expired session', async () => {
    const challenge = await pool.initiate(ALICE);
    const code = await latestCode(pool.server.url, ALICE);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await assert.rejects(
      pool.answer(challenge.Session, ALICE, code),
      error('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
    );
  });
});

describe('local Cognito endpoint with failing triggers', () => {
  describe('when a trigger throws', () => {
    const pool = endpoint({ triggerEnv: { MAX_ATTEMPTS: 'many' } });

    it('answers UserLambdaValidationException with the trigger message', async () => {
      await assert.rejects(
        pool.initiate(ALICE),
        error(
          'UserLambdaValidationException',
          'DefineAuthChallenge failed with error MAX_ATTEMPTS must be a whole number from 1 to 10, got "many".',
        ),
      );
    });
  });

  describe('when a trigger answers nonsense', () => {
    const pool = endpoint({
      triggers: { verify: async (event) => ({ ...event, response: { answerCorrect: 'yes' as unknown as boolean } }) },
    });

    it('answers InvalidLambdaResponseException and keeps serving', async () => {
      const challenge = await pool.initiate(ALICE);
      await assert.rejects(
        pool.answer(challenge.Session, ALICE, '123456'),
        error('InvalidLambdaResponseException', 'Unrecognizable lambda output'),
      );
      assert.equal((await pool.initiate(ALICE)).ChallengeName, 'CUSTOM_CHALLENGE');
    });
  });

  describe('when a trigger returns nothing', () => {
    const pool = endpoint({ triggers: { define: async () => undefined } });

    it('answers InvalidLambdaResponseException', async () => {
      await assert.rejects(pool.initiate(ALICE), error('InvalidLambdaResponseException'));
    });
  });
});
