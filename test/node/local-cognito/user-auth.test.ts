/*
 * Choice-based sign-in (USER_AUTH) with codes and passwords, as the AWS SDK drives it: the preferred
 * challenge, the choice, email and text-message codes right, wrong, expired and over the limits, and names the
 * pool does not know. Passkeys have their own file (passkeys.test.ts).
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import {
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  StartWebAuthnRegistrationCommand,
  type ChallengeNameType,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { fetchMessages, fetchRequests, clearDevLogs, latestCode } from '../../../backend/local-cognito/dev-client.ts';
import { start, type LocalUser, type StartOptions } from '../../../backend/local-cognito/server.ts';
import { sdkEndpoint } from './sdk-endpoint.ts';
import { UUID } from './shapes.ts';

const ALICE = 'alice@example.com';
const PAT = 'pat@example.com';
const NOBODY = 'nobody@example.com';
const users: LocalUser[] = [
  { email: ALICE, attributes: { name: 'Alice' } },
  { email: PAT, password: 'Pat-Password-42', attributes: { phone_number: '+15555550123' } },
];
const ALL_FACTORS = { firstFactors: ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN', 'PASSWORD'] } as const;

/** A local endpoint with USER_AUTH and an SDK client pointed at it, closed after the enclosing suite. */
function endpoint(options: StartOptions = { userAuth: ALL_FACTORS }) {
  // One try per call: a refusal must be the endpoint's answer, not the last of several.
  const context = sdkEndpoint({ users, maxAttempts: 1, ...options });

  const initiate = (username: string, preferred?: string, extra: Record<string, string> = {}) =>
    context.client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_AUTH',
        ClientId: context.server.clientId,
        AuthParameters: { USERNAME: username, ...(preferred ? { PREFERRED_CHALLENGE: preferred } : {}), ...extra },
      }),
    );
  const respond = (
    challenge: { Session?: string | undefined },
    ChallengeName: string,
    ChallengeResponses: Record<string, string>,
  ) =>
    context.client.send(
      new RespondToAuthChallengeCommand({
        ChallengeName: ChallengeName as ChallengeNameType,
        ClientId: context.server.clientId,
        Session: challenge.Session,
        ChallengeResponses,
      }),
    );
  /** Picks a method in a SELECT_CHALLENGE, answering for the USERNAME the challenge named, as Amplify does. */
  const choose = (challenge: InitiateAuthCommandOutput, answer: string, extra: Record<string, string> = {}) =>
    respond(challenge, 'SELECT_CHALLENGE', {
      USERNAME: challenge.ChallengeParameters!.USERNAME!,
      ANSWER: answer,
      ...extra,
    });
  const enterCode = (challenge: { Session?: string | undefined; ChallengeName?: string | undefined }, code: string) =>
    respond(challenge, challenge.ChallengeName!, { USERNAME: ALICE, [`${challenge.ChallengeName}_CODE`]: code });
  return Object.assign(context, { initiate, respond, choose, enterCode });
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(code.length, '0');
const error = (name: string, message?: string | RegExp) => (message === undefined ? { name } : { name, message });
const incorrect = error('NotAuthorizedException', 'Incorrect username or password.');
const mismatch = error('CodeMismatchException', 'Invalid code or auth state for the user.');

describe('choice-based sign-in (USER_AUTH), driven by the AWS SDK', () => {
  it('refuses bad USER_AUTH settings at start, leaving no server of its own running', async () => {
    const listening = () => process.getActiveResourcesInfo().filter((kind) => kind === 'TCPServerWrap').length;
    const before = listening();
    await assert.rejects(
      start({ port: 0, log: () => {}, userAuth: { firstFactors: ['EMAIL_OTP'], relyingPartyId: 'not a host' } }),
      /relying party id must be a host name/,
    );
    // The local DynamoDB the limits live in would otherwise stay open and keep the process from exiting.
    assert.equal(listening(), before);
  });

  describe('when the pool does not allow USER_AUTH (no first factors set)', () => {
    const pool = endpoint({});

    it('refuses the flow as an app client without ALLOW_USER_AUTH does', async () => {
      await assert.rejects(
        pool.initiate(ALICE),
        error('InvalidParameterException', 'USER_AUTH flow not enabled for this client'),
      );
    });

    it('refuses passkey registration with WebAuthnNotEnabledException', async () => {
      await assert.rejects(
        pool.client.send(new StartWebAuthnRegistrationCommand({ AccessToken: 'x.y.z' })),
        error('NotAuthorizedException'),
        'the access token is checked first',
      );
    });
  });

  describe('when no challenge is preferred', () => {
    const pool = endpoint();
    let choice: InitiateAuthCommandOutput;

    it('answers SELECT_CHALLENGE listing the pool’s first factors in AvailableChallenges', async () => {
      choice = await pool.initiate(ALICE);
      assert.equal(choice.ChallengeName, 'SELECT_CHALLENGE');
      assert.deepEqual(choice.AvailableChallenges, ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN', 'PASSWORD', 'PASSWORD_SRP']);
      assert.match(String(choice.ChallengeParameters?.USERNAME), UUID);
      assert.ok(choice.Session);
      assert.deepEqual(await fetchMessages(pool.server.url), [], 'nothing is sent before a method is picked');
    });

    it('sends an email code when EMAIL_OTP is picked, and names its masked destination', async () => {
      const challenge = await pool.choose(choice, 'EMAIL_OTP');
      assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
      assert.deepEqual(challenge.ChallengeParameters, {
        CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
        CODE_DELIVERY_DESTINATION: 'a***@e***.com',
        USERNAME: choice.ChallengeParameters!.USERNAME,
      });
      const code = await latestCode(pool.server.url, ALICE);
      assert.match(code, /^\d{6}$/);
      assert.ok(!JSON.stringify(challenge).includes(code), 'the code is only in the inbox');

      const done = await pool.enterCode(challenge, code);
      assert.ok(done.AuthenticationResult?.AccessToken && done.AuthenticationResult.RefreshToken);
      const claims = decodeJwt(done.AuthenticationResult.IdToken!);
      assert.equal(claims.email, ALICE);
      assert.equal(claims['cognito:username'], choice.ChallengeParameters!.USERNAME);
    });

    it('refuses a pick that is not among the available challenges, without spending the session', async () => {
      const fresh = await pool.initiate(ALICE);
      await assert.rejects(pool.choose(fresh, 'CUSTOM_CHALLENGE'), error('InvalidParameterException'));
      const challenge = await pool.choose(fresh, 'EMAIL_OTP');
      assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
    });

    it('refuses a second pick in the same session', async () => {
      const fresh = await pool.initiate(ALICE);
      await pool.choose(fresh, 'EMAIL_OTP');
      await assert.rejects(
        pool.choose(fresh, 'EMAIL_OTP'),
        error('NotAuthorizedException', 'Invalid session for the user.'),
      );
    });
  });

  describe('when a challenge is preferred', () => {
    const pool = endpoint({ userAuth: { firstFactors: ['EMAIL_OTP', 'WEB_AUTHN'] } });

    it('goes straight to the email code: two requests for the whole sign-in', async () => {
      await clearDevLogs(pool.server.url);
      const challenge = await pool.initiate(ALICE, 'EMAIL_OTP');
      assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
      const done = await pool.enterCode(challenge, await latestCode(pool.server.url, ALICE));
      assert.ok(done.AuthenticationResult?.IdToken);
      const operations = (await fetchRequests(pool.server.url)).map(({ operation }) => operation);
      assert.deepEqual(operations, ['InitiateAuth', 'RespondToAuthChallenge']);
    });

    it('offers the choice when the preference is not among the pool’s first factors', async () => {
      const choice = await pool.initiate(ALICE, 'SMS_OTP');
      assert.equal(choice.ChallengeName, 'SELECT_CHALLENGE');
      assert.deepEqual(choice.AvailableChallenges, ['EMAIL_OTP', 'WEB_AUTHN']);
    });

    it('refuses a preference that is no challenge at all', async () => {
      await assert.rejects(
        pool.initiate(ALICE, 'CARRIER_PIGEON'),
        error('InvalidParameterException', /PREFERRED_CHALLENGE/),
      );
    });
  });

  describe('when a wrong code is entered', () => {
    const pool = endpoint();

    it('answers CodeMismatchException and keeps the session for another try, without a new code', async () => {
      const challenge = await pool.initiate(ALICE, 'EMAIL_OTP');
      const code = await latestCode(pool.server.url, ALICE);
      const sent = (await fetchMessages(pool.server.url)).length;
      await assert.rejects(pool.enterCode(challenge, wrongCode(code)), mismatch);
      assert.equal((await fetchMessages(pool.server.url)).length, sent);
      const done = await pool.enterCode(challenge, code);
      assert.ok(done.AuthenticationResult?.AccessToken);
    });

    it('fails the sign-in at the third wrong code; the right code then meets a spent session', async () => {
      const challenge = await pool.initiate(ALICE, 'EMAIL_OTP');
      const code = await latestCode(pool.server.url, ALICE);
      await assert.rejects(pool.enterCode(challenge, wrongCode(code)), mismatch);
      await assert.rejects(pool.enterCode(challenge, wrongCode(code)), mismatch);
      await assert.rejects(pool.enterCode(challenge, wrongCode(code)), incorrect);
      await assert.rejects(
        pool.enterCode(challenge, code),
        error('NotAuthorizedException', 'Invalid session for the user.'),
      );
      const again = await pool.initiate(ALICE, 'EMAIL_OTP');
      assert.ok((await pool.enterCode(again, await latestCode(pool.server.url, ALICE))).AuthenticationResult);
    });

    it('does not accept the code of another sign-in', async () => {
      const first = await pool.initiate(ALICE, 'EMAIL_OTP');
      const firstCode = await latestCode(pool.server.url, ALICE);
      const second = await pool.initiate(ALICE, 'EMAIL_OTP');
      const secondCode = await latestCode(pool.server.url, ALICE);
      if (firstCode !== secondCode) await assert.rejects(pool.enterCode(second, firstCode), mismatch);
      assert.ok((await pool.enterCode(first, firstCode)).AuthenticationResult);
    });

    it('does not take an SMS_OTP answer to an EMAIL_OTP challenge', async () => {
      const challenge = await pool.initiate(ALICE, 'EMAIL_OTP');
      const code = await latestCode(pool.server.url, ALICE);
      await assert.rejects(
        pool.respond(challenge, 'SMS_OTP', { USERNAME: ALICE, SMS_OTP_CODE: code }),
        error('NotAuthorizedException', 'Invalid session for the user.'),
      );
    });
  });

  describe('when the code has expired', () => {
    const pool = endpoint({ userAuth: ALL_FACTORS, triggerEnv: { CODE_LIFETIME_SECONDS: '10' } });

    it('answers ExpiredCodeException for the right code, and a new sign-in sends a new one', async () => {
      const challenge = await pool.initiate(ALICE, 'EMAIL_OTP');
      const code = await latestCode(pool.server.url, ALICE);
      await delay(10_300);
      await assert.rejects(pool.enterCode(challenge, code), error('ExpiredCodeException'));
      const again = await pool.initiate(ALICE, 'EMAIL_OTP');
      assert.ok((await pool.enterCode(again, await latestCode(pool.server.url, ALICE))).AuthenticationResult);
    });
  });

  describe('when the limits are reached', () => {
    const pool = endpoint({
      userAuth: ALL_FACTORS,
      triggerEnv: { SEND_GAP_SECONDS: '30', FAILURES_PER_HOUR: '2', MAX_ATTEMPTS: '10' },
    });

    it('refuses a second code within the gap with NotAuthorizedException, naming the wait', async () => {
      await pool.initiate(PAT, 'EMAIL_OTP');
      await assert.rejects(
        pool.initiate(PAT, 'EMAIL_OTP'),
        error(
          'NotAuthorizedException',
          /^Attempt limit exceeded, please try after some time\. TooManyAttempts retryAfterSeconds=\d+$/,
        ),
      );
    });

    it('locks the person after the hourly wrong answers, across sessions and methods', async () => {
      const challenge = await pool.initiate(ALICE, 'EMAIL_OTP');
      const code = await latestCode(pool.server.url, ALICE);
      await assert.rejects(pool.enterCode(challenge, wrongCode(code)), mismatch);
      await assert.rejects(pool.enterCode(challenge, wrongCode(code)), mismatch);
      await assert.rejects(pool.enterCode(challenge, code), error('NotAuthorizedException', /TooManyAttempts/));
      const choice = await pool.initiate(ALICE);
      await assert.rejects(
        pool.choose(choice, 'PASSWORD', { PASSWORD: 'anything' }),
        error('NotAuthorizedException', /TooManyAttempts/),
      );
    });
  });

  describe('when the code goes by text message', () => {
    const pool = endpoint();

    it('sends it to the user’s phone number, masked in the challenge, and signs in with SMS_OTP_CODE', async () => {
      const challenge = await pool.initiate(PAT, 'SMS_OTP');
      assert.equal(challenge.ChallengeName, 'SMS_OTP');
      assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
      assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION, '+*******0123');
      const message = (await fetchMessages(pool.server.url)).at(-1)!;
      assert.equal(message.to, '+15555550123');
      const done = await pool.respond(challenge, 'SMS_OTP', { USERNAME: PAT, SMS_OTP_CODE: message.code });
      assert.ok(done.AuthenticationResult?.AccessToken);
    });

    it('answers a user without a phone number as usual, and sends nothing', async () => {
      const sent = (await fetchMessages(pool.server.url)).length;
      const challenge = await pool.initiate(ALICE, 'SMS_OTP');
      assert.equal(challenge.ChallengeName, 'SMS_OTP');
      assert.match(String(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION), /^\+\*{7}\d{4}$/);
      assert.equal((await fetchMessages(pool.server.url)).length, sent);
    });
  });

  describe('when the password is picked', () => {
    const pool = endpoint();

    it('signs in with the right password answered inside SELECT_CHALLENGE', async () => {
      const done = await pool.choose(await pool.initiate(PAT), 'PASSWORD', { PASSWORD: 'Pat-Password-42' });
      assert.ok(done.AuthenticationResult?.AccessToken);
    });

    it('refuses a wrong password, and a user who has none', async () => {
      await assert.rejects(pool.choose(await pool.initiate(PAT), 'PASSWORD', { PASSWORD: 'wrong' }), incorrect);
      await assert.rejects(pool.choose(await pool.initiate(ALICE), 'PASSWORD', { PASSWORD: 'anything' }), incorrect);
    });

    it('goes on to PASSWORD_VERIFIER for PASSWORD_SRP', async () => {
      const challenge = await pool.choose(await pool.initiate(PAT), 'PASSWORD_SRP', { SRP_A: 'abc123' });
      assert.equal(challenge.ChallengeName, 'PASSWORD_VERIFIER');
      assert.ok(challenge.ChallengeParameters?.SRP_B && challenge.ChallengeParameters.SALT);
    });
  });

  describe('when the name is not a user of the pool', () => {
    const pool = endpoint();

    it('offers the same choice as to a user', async () => {
      const known = await pool.initiate(ALICE);
      const unknown = await pool.initiate(NOBODY);
      assert.equal(unknown.ChallengeName, known.ChallengeName);
      assert.deepEqual(unknown.AvailableChallenges, known.AvailableChallenges);
      assert.deepEqual(Object.keys(unknown.ChallengeParameters!), Object.keys(known.ChallengeParameters!));
      assert.match(String(unknown.ChallengeParameters?.USERNAME), UUID);
      assert.equal(unknown.Session?.length, known.Session?.length);
    });

    it('answers an email code challenge shaped like a real one, sends nothing, and accepts no code', async () => {
      const sent = (await fetchMessages(pool.server.url)).length;
      const challenge = await pool.choose(await pool.initiate(NOBODY), 'EMAIL_OTP');
      assert.equal(challenge.ChallengeName, 'EMAIL_OTP');
      assert.equal(challenge.ChallengeParameters?.CODE_DELIVERY_DESTINATION, 'n***@e***.com');
      assert.equal((await fetchMessages(pool.server.url)).length, sent);
      await assert.rejects(
        pool.respond(challenge, 'EMAIL_OTP', { USERNAME: NOBODY, EMAIL_OTP_CODE: '123456' }),
        mismatch,
      );
    });

    it('refuses a password as for a wrong one', async () => {
      await assert.rejects(
        pool.choose(await pool.initiate(NOBODY), 'PASSWORD', { PASSWORD: 'Pat-Password-42' }),
        incorrect,
      );
    });
  });

  describe('when the custom flow is used on the same pool', () => {
    const pool = endpoint();

    it('still signs in with CUSTOM_AUTH and its code', async () => {
      const challenge = await pool.client.send(
        new InitiateAuthCommand({
          AuthFlow: 'CUSTOM_AUTH',
          ClientId: pool.server.clientId,
          AuthParameters: { USERNAME: ALICE },
        }),
      );
      assert.equal(challenge.ChallengeName, 'CUSTOM_CHALLENGE');
      const done = await pool.respond(challenge, 'CUSTOM_CHALLENGE', {
        USERNAME: ALICE,
        ANSWER: await latestCode(pool.server.url, ALICE),
      });
      assert.ok(done.AuthenticationResult?.AccessToken);
    });
  });
});
