/*
 * Passkeys on the local endpoint, as the AWS SDK drives them: registration (StartWebAuthnRegistration,
 * CompleteWebAuthnRegistration), listing and deleting, and sign-in with the WEB_AUTHN challenge of USER_AUTH.
 * The test plays the authenticator (test-authenticator.ts): real P-256 keys and signatures.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  CompleteWebAuthnRegistrationCommand,
  DeleteWebAuthnCredentialCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  StartWebAuthnRegistrationCommand,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { clearDevLogs, fetchMessages, fetchRequests, latestCode } from '../../../backend/local-cognito/dev-client.ts';
import { type StartOptions } from '../../../backend/local-cognito/server.ts';
import { sdkEndpoint } from './sdk-endpoint.ts';
import { assertPasskey, createPasskey, type CeremonyOptions, type TestPasskey } from './test-authenticator.ts';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const NOBODY = 'nobody@example.com';
const users = [{ email: ALICE, attributes: { name: 'Alice' } }, { email: BOB }];

function endpoint(options: StartOptions = {}) {
  // One try per call: a refusal must be the endpoint's answer, not the last of several.
  const context = sdkEndpoint({
    users,
    maxAttempts: 1,
    userAuth: { firstFactors: ['EMAIL_OTP', 'WEB_AUTHN'] },
    ...options,
  });
  const send = <T>(command: T) => context.client.send(command as never) as Promise<never>;

  /** Signs in with an email code and returns the access token. */
  const accessTokenOf = async (email: string): Promise<string> => {
    const challenge = await context.client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_AUTH',
        ClientId: context.server.clientId,
        AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      }),
    );
    const done = await context.client.send(
      new RespondToAuthChallengeCommand({
        ChallengeName: 'EMAIL_OTP',
        ClientId: context.server.clientId,
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: await latestCode(context.server.url, email) },
      }),
    );
    return done.AuthenticationResult!.AccessToken!;
  };
  /** Registers a passkey for the signed-in user, the authenticator behaving as `ceremony` says. */
  const register = async (accessToken: string, ceremony: CeremonyOptions = {}) => {
    const { CredentialCreationOptions } = await context.client.send(
      new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }),
    );
    const { passkey, response } = createPasskey(CredentialCreationOptions as never, ceremony);
    await context.client.send(
      new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: response as never }),
    );
    return passkey;
  };
  const webAuthnChallenge = (email: string) =>
    context.client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_AUTH',
        ClientId: context.server.clientId,
        AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'WEB_AUTHN' },
      }),
    );
  const requestOptions = (challenge: InitiateAuthCommandOutput) =>
    JSON.parse(challenge.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!) as { challenge: string; rpId: string };
  /** Answers a WEB_AUTHN challenge with `credential` as the CREDENTIAL. */
  const answer = (challenge: InitiateAuthCommandOutput, email: string, credential: string) =>
    context.client.send(
      new RespondToAuthChallengeCommand({
        ChallengeName: 'WEB_AUTHN',
        ClientId: context.server.clientId,
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: email, CREDENTIAL: credential },
      }),
    );
  /** Answers a WEB_AUTHN challenge with an assertion of the passkey. */
  const signInWith = (
    challenge: InitiateAuthCommandOutput,
    email: string,
    passkey: TestPasskey,
    ceremony: CeremonyOptions = {},
  ) => answer(challenge, email, JSON.stringify(assertPasskey(passkey, requestOptions(challenge), ceremony)));
  const list = (accessToken: string) =>
    context.client.send(new ListWebAuthnCredentialsCommand({ AccessToken: accessToken }));
  return Object.assign(context, {
    send,
    accessTokenOf,
    register,
    webAuthnChallenge,
    requestOptions,
    answer,
    signInWith,
    list,
  });
}

const error = (name: string, message?: string | RegExp) => (message === undefined ? { name } : { name, message });
const incorrect = error('NotAuthorizedException', 'Incorrect username or password.');

describe('passkeys on the local endpoint, driven by the AWS SDK', () => {
  describe('when a signed-in user registers a passkey', () => {
    const pool = endpoint();
    let accessToken: string;
    let options: Record<string, unknown>;

    before(async () => {
      accessToken = await pool.accessTokenOf(ALICE);
    });

    it('answers StartWebAuthnRegistration with creation options for a discoverable, user-verifying passkey', async () => {
      const answer = await pool.client.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
      options = answer.CredentialCreationOptions as Record<string, unknown>;
      assert.deepEqual(options.rp, { name: 'localhost', id: 'localhost' });
      assert.deepEqual(options.user, {
        id: Buffer.from(String(decodeJwt(accessToken).sub)).toString('base64url'),
        name: ALICE,
        displayName: 'Alice',
      });
      assert.match(String(options.challenge), /^[\w-]{16,}$/);
      assert.deepEqual(
        (options.pubKeyCredParams as { alg: number }[]).map(({ alg }) => alg),
        [-7, -257],
      );
      assert.equal((options.authenticatorSelection as Record<string, string>).residentKey, 'required');
      assert.equal((options.authenticatorSelection as Record<string, string>).userVerification, 'required');
      assert.deepEqual(options.excludeCredentials, []);
    });

    it('keeps the passkey that CompleteWebAuthnRegistration brings back for that challenge', async () => {
      const { response } = createPasskey(options as never);
      const answer = await pool.client.send(
        new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: response as never }),
      );
      assert.deepEqual({ ...answer, $metadata: undefined }, { $metadata: undefined });
      const { Credentials } = await pool.list(accessToken);
      assert.equal(Credentials?.length, 1);
      const [credential] = Credentials!;
      assert.equal(credential!.CredentialId, response.id);
      assert.equal(credential!.RelyingPartyId, 'localhost');
      assert.equal(credential!.FriendlyCredentialName, 'Passkey 1');
      assert.equal(credential!.AuthenticatorAttachment, 'platform');
      assert.deepEqual(credential!.AuthenticatorTransports, ['internal']);
      assert.ok(
        credential!.CreatedAt instanceof Date && Math.abs(credential!.CreatedAt.getTime() - Date.now()) < 60_000,
      );
    });

    it('lists the registered passkey in excludeCredentials of the next registration', async () => {
      const answer = await pool.client.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
      const { Credentials } = await pool.list(accessToken);
      const excluded = (answer.CredentialCreationOptions as { excludeCredentials: { id: string }[] })
        .excludeCredentials;
      assert.deepEqual(
        excluded.map(({ id }) => id),
        Credentials!.map(({ CredentialId }) => CredentialId),
      );
    });

    it('refuses a completion without an outstanding challenge (WebAuthnChallengeNotFoundException)', async () => {
      await pool.register(accessToken);
      const { response } = createPasskey({ challenge: 'bm90LWEtY2hhbGxlbmdl' });
      await assert.rejects(
        pool.client.send(
          new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: response as never }),
        ),
        error('WebAuthnChallengeNotFoundException'),
      );
    });

    it('refuses an attestation over another challenge (WebAuthnChallengeNotFoundException)', async () => {
      await assert.rejects(
        pool.register(accessToken, { challenge: 'c29tZS1vdGhlci1jaGFsbGVuZ2U' }),
        error('WebAuthnChallengeNotFoundException'),
      );
    });

    it('refuses a passkey made on an origin the pool does not allow (WebAuthnOriginNotAllowedException)', async () => {
      await assert.rejects(
        pool.register(accessToken, { origin: 'https://evil.example' }),
        error('WebAuthnOriginNotAllowedException'),
      );
    });

    it('refuses a passkey for another relying party (WebAuthnRelyingPartyMismatchException)', async () => {
      await assert.rejects(
        pool.register(accessToken, { rpId: 'example.com' }),
        error('WebAuthnRelyingPartyMismatchException'),
      );
    });

    it('refuses a passkey that did not verify the user, as the pool requires (WebAuthnCredentialNotSupportedException)', async () => {
      await assert.rejects(
        pool.register(accessToken, { userVerified: false }),
        error('WebAuthnCredentialNotSupportedException'),
      );
    });

    it('refuses a Credential that is no registration response (InvalidParameterException)', async () => {
      await pool.client.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken }));
      await assert.rejects(
        pool.client.send(
          new CompleteWebAuthnRegistrationCommand({ AccessToken: accessToken, Credential: 'hello' as never }),
        ),
        error('InvalidParameterException'),
      );
    });

    it('refuses every passkey operation without a valid access token', async () => {
      const forged = `${accessToken.slice(0, -4)}AAAA`;
      for (const command of [
        new StartWebAuthnRegistrationCommand({ AccessToken: forged }),
        new CompleteWebAuthnRegistrationCommand({ AccessToken: forged, Credential: {} as never }),
        new ListWebAuthnCredentialsCommand({ AccessToken: forged }),
        new DeleteWebAuthnCredentialCommand({ AccessToken: forged, CredentialId: 'x' }),
      ]) {
        await assert.rejects(pool.send(command), error('NotAuthorizedException', 'Invalid Access Token'));
      }
    });
  });

  describe('when a user signs in with a passkey', () => {
    const pool = endpoint();
    let passkey: TestPasskey;
    let bobsPasskey: TestPasskey;

    before(async () => {
      passkey = await pool.register(await pool.accessTokenOf(ALICE));
      bobsPasskey = await pool.register(await pool.accessTokenOf(BOB));
    });

    it('answers the preferred WEB_AUTHN with request options for any of the browser’s passkeys', async () => {
      const challenge = await pool.webAuthnChallenge(ALICE);
      assert.equal(challenge.ChallengeName, 'WEB_AUTHN');
      assert.deepEqual(Object.keys(challenge.ChallengeParameters!).sort(), ['CREDENTIAL_REQUEST_OPTIONS', 'USERNAME']);
      const options = pool.requestOptions(challenge) as Record<string, unknown>;
      assert.equal(options.rpId, 'localhost');
      assert.equal(options.userVerification, 'required');
      assert.deepEqual(options.allowCredentials, []);
      assert.match(String(options.challenge), /^[\w-]{16,}$/);
    });

    it('issues tokens for the passkey’s assertion, without any code: two requests', async () => {
      await clearDevLogs(pool.server.url);
      const done = await pool.signInWith(await pool.webAuthnChallenge(ALICE), ALICE, passkey);
      assert.ok(done.AuthenticationResult?.AccessToken);
      assert.equal(decodeJwt(done.AuthenticationResult.IdToken!).email, ALICE);
      assert.deepEqual(await fetchMessages(pool.server.url), []);
      assert.deepEqual(
        (await fetchRequests(pool.server.url)).map(({ operation }) => operation),
        ['InitiateAuth', 'RespondToAuthChallenge'],
      );
    });

    it('signs in through the choice too: SELECT_CHALLENGE, then WEB_AUTHN', async () => {
      const choice = await pool.client.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_AUTH',
          ClientId: pool.server.clientId,
          AuthParameters: { USERNAME: ALICE },
        }),
      );
      assert.deepEqual(choice.AvailableChallenges, ['EMAIL_OTP', 'WEB_AUTHN']);
      const challenge = await pool.client.send(
        new RespondToAuthChallengeCommand({
          ChallengeName: 'SELECT_CHALLENGE',
          ClientId: pool.server.clientId,
          Session: choice.Session,
          ChallengeResponses: { USERNAME: ALICE, ANSWER: 'WEB_AUTHN' },
        }),
      );
      assert.equal(challenge.ChallengeName, 'WEB_AUTHN');
      assert.ok((await pool.signInWith(challenge, ALICE, passkey)).AuthenticationResult?.IdToken);
    });

    it('lets a WEB_AUTHN challenge be answered with another pick, as after a cancelled passkey prompt', async () => {
      const challenge = await pool.webAuthnChallenge(ALICE);
      const code = await pool.client.send(
        new RespondToAuthChallengeCommand({
          ChallengeName: 'SELECT_CHALLENGE',
          ClientId: pool.server.clientId,
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: ALICE, ANSWER: 'EMAIL_OTP' },
        }),
      );
      assert.equal(code.ChallengeName, 'EMAIL_OTP');
      await assert.rejects(
        pool.signInWith(challenge, ALICE, passkey),
        error('NotAuthorizedException', 'Invalid session for the user.'),
        'the passkey challenge is gone once another method is picked',
      );
    });

    it('refuses another user’s passkey', async () => {
      await assert.rejects(pool.signInWith(await pool.webAuthnChallenge(ALICE), ALICE, bobsPasskey), incorrect);
    });

    it('refuses an assertion over another challenge, from another origin, or without user verification', async () => {
      for (const ceremony of [
        { challenge: 'c29tZS1vdGhlci1jaGFsbGVuZ2U' },
        { origin: 'https://evil.example' },
        { userVerified: false },
        { rpId: 'example.com' },
      ]) {
        await assert.rejects(pool.signInWith(await pool.webAuthnChallenge(ALICE), ALICE, passkey, ceremony), incorrect);
      }
    });

    it('spends the session: the same answer cannot be replayed', async () => {
      const challenge = await pool.webAuthnChallenge(ALICE);
      const credential = JSON.stringify(assertPasskey(passkey, pool.requestOptions(challenge)));
      assert.ok((await pool.answer(challenge, ALICE, credential)).AuthenticationResult);
      await assert.rejects(
        pool.answer(challenge, ALICE, credential),
        error('NotAuthorizedException', 'Invalid session for the user.'),
      );
    });

    it('refuses a CREDENTIAL that is no assertion, without spending the session', async () => {
      const challenge = await pool.webAuthnChallenge(ALICE);
      await assert.rejects(pool.answer(challenge, ALICE, '{"id":"x"}'), error('InvalidParameterException'));
      assert.ok((await pool.signInWith(challenge, ALICE, passkey)).AuthenticationResult);
    });

    it('gives a name the pool does not know the same request options, and refuses every passkey', async () => {
      const known = await pool.webAuthnChallenge(ALICE);
      const unknown = await pool.webAuthnChallenge(NOBODY);
      assert.equal(unknown.ChallengeName, 'WEB_AUTHN');
      const { challenge: _a, ...knownOptions } = pool.requestOptions(known);
      const { challenge: _b, ...unknownOptions } = pool.requestOptions(unknown);
      assert.deepEqual(unknownOptions, knownOptions);
      await assert.rejects(pool.signInWith(unknown, NOBODY, passkey), incorrect);
    });
  });

  describe('when a passkey is deleted', () => {
    const pool = endpoint();
    let accessToken: string;
    let passkey: TestPasskey;

    before(async () => {
      accessToken = await pool.accessTokenOf(ALICE);
      passkey = await pool.register(accessToken);
    });

    it('removes it from the list, and passkey sign-in with it then fails cleanly', async () => {
      await pool.client.send(
        new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: passkey.id }),
      );
      assert.deepEqual((await pool.list(accessToken)).Credentials, []);
      await assert.rejects(pool.signInWith(await pool.webAuthnChallenge(ALICE), ALICE, passkey), incorrect);
    });

    it('answers ResourceNotFoundException for a passkey the user does not have', async () => {
      await assert.rejects(
        pool.client.send(new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: passkey.id })),
        error('ResourceNotFoundException'),
      );
    });

    it('does not let one user delete another user’s passkey', async () => {
      const bobsPasskey = await pool.register(await pool.accessTokenOf(BOB));
      await assert.rejects(
        pool.client.send(
          new DeleteWebAuthnCredentialCommand({ AccessToken: accessToken, CredentialId: bobsPasskey.id }),
        ),
        error('ResourceNotFoundException'),
      );
    });
  });

  describe('when a user has 20 passkeys', () => {
    const pool = endpoint();

    it('refuses a 21st with LimitExceededException, as Cognito limits passkeys per user', async () => {
      const accessToken = await pool.accessTokenOf(BOB);
      for (let i = 0; i < 20; i++) await pool.register(accessToken);
      assert.equal((await pool.list(accessToken)).Credentials?.length, 20);
      await assert.rejects(pool.register(accessToken), error('LimitExceededException'));
    });
  });

  describe('when the pool does not allow WEB_AUTHN', () => {
    const pool = endpoint({ userAuth: { firstFactors: ['EMAIL_OTP'] } });

    it('refuses registration with WebAuthnNotEnabledException and lists no passkeys', async () => {
      const accessToken = await pool.accessTokenOf(ALICE);
      await assert.rejects(
        pool.client.send(new StartWebAuthnRegistrationCommand({ AccessToken: accessToken })),
        error('WebAuthnNotEnabledException'),
      );
      assert.deepEqual((await pool.list(accessToken)).Credentials, []);
    });
  });

  describe('when the pool names its relying party and origins', () => {
    const pool = endpoint({
      userAuth: {
        firstFactors: ['EMAIL_OTP', 'WEB_AUTHN'],
        relyingPartyId: 'example.com',
        webAuthnOrigins: ['https://app.example.com'],
        userVerification: 'preferred',
      },
    });

    it('registers and signs in from that origin only, with or without user verification', async () => {
      const accessToken = await pool.accessTokenOf(ALICE);
      await assert.rejects(pool.register(accessToken), error('WebAuthnOriginNotAllowedException'));
      const passkey = await pool.register(accessToken, { origin: 'https://app.example.com', userVerified: false });
      const challenge = await pool.webAuthnChallenge(ALICE);
      assert.equal(pool.requestOptions(challenge).rpId, 'example.com');
      const done = await pool.signInWith(challenge, ALICE, passkey, {
        origin: 'https://app.example.com',
        userVerified: false,
      });
      assert.ok(done.AuthenticationResult?.AccessToken);
      assert.equal((await pool.list(accessToken)).Credentials?.[0]?.RelyingPartyId, 'example.com');
    });
  });
});
