// Passwordless sign-up and Cognito's own confirmation of it, driven by the AWS SDK: SignUp without a password where
// the pool allows it, the emailed confirmation code (ConfirmSignUp, ResendConfirmationCode) right, wrong, expired,
// spent and over the limits, and the Session that signs the confirmed user in through InitiateAuth USER_AUTH
// without another code — once, for that user, while it lives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import {
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  type AuthFlowType,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { clearDevLogs, cognitoRequest, fetchMessages, latestCode } from '../../../backend/local-cognito/dev-client.ts';
import type { StartOptions } from '../../../backend/local-cognito/server.ts';
import { sdkEndpoint } from './sdk-endpoint.ts';
import { UUID } from './shapes.ts';

const ALICE = 'alice@example.com';
/** A pool on the Essentials plan with USER_AUTH alone: sign-ups are confirmed by Cognito's own code. */
const USER_AUTH_ONLY: StartOptions = {
  selfSignUp: true,
  customAuth: false,
  userAuth: { firstFactors: ['EMAIL_OTP', 'WEB_AUTHN'] },
};

const error = (name: string, message?: string | RegExp) => (message === undefined ? { name } : { name, message });
const invalidSession = error('NotAuthorizedException', 'Invalid session for the user.');
const mismatch = error('CodeMismatchException', 'Invalid verification code provided, please try again.');
const expired = error('ExpiredCodeException', 'Invalid code provided, please request a code again.');
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(code.length, '0');

/** A local endpoint with the given options and an SDK client (one try per call), for the enclosing suite. */
function endpoint(options: StartOptions) {
  const context = sdkEndpoint({ users: [{ email: ALICE }], maxAttempts: 1, ...options });
  const ClientId = () => context.server.clientId;
  const signUp = (username: string, password?: string) =>
    context.client.send(
      new SignUpCommand({
        ClientId: ClientId(),
        Username: username,
        ...(password === undefined ? {} : { Password: password }),
        UserAttributes: [{ Name: 'email', Value: username }],
      }),
    );
  const confirm = (username: string, code: string, session?: string) =>
    context.client.send(
      new ConfirmSignUpCommand({
        ClientId: ClientId(),
        Username: username,
        ConfirmationCode: code,
        ...(session ? { Session: session } : {}),
      }),
    );
  const resend = (username: string) =>
    context.client.send(new ResendConfirmationCodeCommand({ ClientId: ClientId(), Username: username }));
  const initiate = (AuthFlow: AuthFlowType, username: string, { session = '', preferred = '' } = {}) =>
    context.client.send(
      new InitiateAuthCommand({
        AuthFlow,
        ClientId: ClientId(),
        AuthParameters: { USERNAME: username, ...(preferred ? { PREFERRED_CHALLENGE: preferred } : {}) },
        ...(session ? { Session: session } : {}),
      }),
    );
  /** InitiateAuth USER_AUTH, with the Session of a confirmed sign-up when given. */
  const signInWith = (username: string, session?: string) => initiate('USER_AUTH', username, { session });
  const code = (username: string) => latestCode(context.server.url, username);
  return Object.assign(context, { signUp, confirm, resend, initiate, signInWith, code });
}

describe('passwordless sign-up and its confirmation, driven by the AWS SDK', () => {
  describe('when the pool runs USER_AUTH alone (confirmed by Cognito’s own code)', () => {
    const pool = endpoint(USER_AUTH_ONLY);

    describe('a sign-up without a password', () => {
      const email = 'New.Person@Example.com';
      let signUpSession: string;
      let confirmedSession: string;

      it('creates an unconfirmed user, emails a code and answers its masked destination and a Session', async () => {
        const result = await pool.signUp(email);
        assert.equal(result.UserConfirmed, false);
        assert.match(result.UserSub!, UUID);
        assert.deepEqual(result.CodeDeliveryDetails, {
          Destination: 'n***@e***.com',
          DeliveryMedium: 'EMAIL',
          AttributeName: 'email',
        });
        assert.ok(result.Session && result.Session.length >= 20);
        signUpSession = result.Session;
        const [message, ...others] = await fetchMessages(pool.server.url);
        assert.deepEqual(others, []);
        assert.equal(message!.to, email);
        assert.equal(message!.username, result.UserSub);
        assert.match(message!.code, /^\d{6}$/);
        assert.ok(!JSON.stringify(result).includes(message!.code), 'the code is only in the inbox');
      });

      it('cannot sign in before it is confirmed (UserNotConfirmedException)', async () => {
        await assert.rejects(pool.signInWith(email), error('UserNotConfirmedException', 'User is not confirmed.'));
      });

      it('is refused a second time, confirmed or not (UsernameExistsException, as Cognito says)', async () => {
        await assert.rejects(pool.signUp(email.toUpperCase()), error('UsernameExistsException'));
      });

      it('answers CodeMismatchException for a wrong code and stays unconfirmed', async () => {
        await assert.rejects(pool.confirm(email, wrongCode(await pool.code(email)), signUpSession), mismatch);
        await assert.rejects(pool.signInWith(email), error('UserNotConfirmedException'));
      });

      it('is confirmed by the right code, taking the Session of SignUp and answering a new one', async () => {
        const result = await pool.confirm(email, await pool.code(email), signUpSession);
        assert.ok(result.Session && result.Session !== signUpSession);
        confirmedSession = result.Session;
      });

      it('signs in through InitiateAuth USER_AUTH with that Session: tokens, no challenge, no second code', async () => {
        await clearDevLogs(pool.server.url);
        const result = await pool.signInWith(email.toLowerCase(), confirmedSession);
        assert.equal(result.ChallengeName, undefined);
        const id = decodeJwt(result.AuthenticationResult!.IdToken!);
        assert.equal(id.email_verified, true, 'the confirmation code proved the address');
        assert.equal(id.email, email);
        assert.match(String(id['cognito:username']), UUID);
        assert.deepEqual(await fetchMessages(pool.server.url), []);
      });

      it('does not take that Session twice (NotAuthorizedException)', async () => {
        await assert.rejects(pool.signInWith(email, confirmedSession), invalidSession);
      });

      it('cannot be confirmed again (NotAuthorizedException, as Cognito says)', async () => {
        await assert.rejects(
          pool.confirm(email, '123456'),
          error('NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED'),
        );
        await assert.rejects(pool.resend(email), error('InvalidParameterException', 'User is already confirmed.'));
      });
    });

    describe('the Session of a confirmed sign-up', () => {
      it('is bound to the user who signed up', async () => {
        await pool.signUp('bound@example.com');
        const { Session } = await pool.confirm('bound@example.com', await pool.code('bound@example.com'));
        await assert.rejects(pool.signInWith(ALICE, Session), invalidSession);
        await assert.rejects(pool.signInWith('bound@example.com', Session), invalidSession, 'and spent by the try');
      });

      it('is not a SignUp’s Session, nor anything made up', async () => {
        const { Session } = await pool.signUp('early@example.com');
        await assert.rejects(pool.signInWith('early@example.com', Session), invalidSession);
        await assert.rejects(pool.signInWith(ALICE, 'x'.repeat(128)), invalidSession);
      });

      it('leaves ConfirmSignUp a SignUp Session of this user only', async () => {
        const { Session } = await pool.signUp('their@example.com');
        await pool.signUp('mine@example.com');
        await assert.rejects(
          pool.confirm('mine@example.com', await pool.code('mine@example.com'), Session),
          invalidSession,
        );
        await assert.rejects(
          pool.confirm('mine@example.com', await pool.code('mine@example.com'), 'y'.repeat(64)),
          invalidSession,
        );
        assert.ok((await pool.confirm('mine@example.com', await pool.code('mine@example.com'))).Session);
      });
    });

    describe('a confirmation code', () => {
      it('is replaced by a resent one: the old code no longer confirms', async () => {
        const email = 'resent@example.com';
        await pool.signUp(email);
        const old = await pool.code(email);
        const resent = await pool.resend(email);
        assert.deepEqual(resent.CodeDeliveryDetails, {
          Destination: 'r***@e***.com',
          DeliveryMedium: 'EMAIL',
          AttributeName: 'email',
        });
        const fresh = await pool.code(email);
        assert.notEqual(fresh, old, 'a new code was drawn (one chance in a million of a false failure)');
        await assert.rejects(pool.confirm(email, old), mismatch);
        assert.ok((await pool.confirm(email, fresh)).Session);
      });

      it('is spent by the third wrong answer (TooManyFailedAttemptsException); a resent one works', async () => {
        const email = 'guesser@example.com';
        await pool.signUp(email);
        const right = await pool.code(email);
        await assert.rejects(pool.confirm(email, wrongCode(right)), mismatch);
        await assert.rejects(pool.confirm(email, wrongCode(right)), mismatch);
        await assert.rejects(pool.confirm(email, wrongCode(right)), error('TooManyFailedAttemptsException'));
        await assert.rejects(pool.confirm(email, right), expired, 'not even the right code after that');
        await pool.resend(email);
        assert.ok((await pool.confirm(email, await pool.code(email))).Session);
      });
    });

    describe('a name the pool does not know', () => {
      it('gets a wrong-code answer from ConfirmSignUp, as a wrong code of a real sign-up does', async () => {
        await assert.rejects(pool.confirm('nobody@example.com', '123456'), mismatch);
      });

      it('gets a delivery from ResendConfirmationCode shaped like a real one, and nothing is sent', async () => {
        await clearDevLogs(pool.server.url);
        const result = await pool.resend('Nobody@Example.com');
        assert.deepEqual(result.CodeDeliveryDetails, {
          Destination: 'n***@e***.com',
          DeliveryMedium: 'EMAIL',
          AttributeName: 'email',
        });
        assert.deepEqual(await fetchMessages(pool.server.url), []);
      });
    });

    describe('a request Cognito would refuse', () => {
      it('answers 400 InvalidParameterException, and the endpoint keeps serving', async () => {
        const url = pool.server.url;
        const ClientId = pool.server.clientId;
        const cases: Array<[string, unknown]> = [
          ['ConfirmSignUp', { ClientId, Username: 'a@example.com' }],
          ['ConfirmSignUp', { ClientId, Username: 'a@example.com', ConfirmationCode: '12 34' }],
          ['ConfirmSignUp', { ClientId, Username: 'a@example.com', ConfirmationCode: '1234', Session: 42 }],
          ['ResendConfirmationCode', { ClientId }],
          ['InitiateAuth', { ClientId, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: ALICE }, Session: {} }],
          ['InitiateAuth', { ClientId, AuthFlow: 'USER_AUTH', AuthParameters: {}, Session: 'z'.repeat(64) }],
        ];
        for (const [operation, body] of cases) {
          const answer = await cognitoRequest(url, operation, body);
          assert.equal(answer.status, 400, `${operation} ${JSON.stringify(body)}`);
          assert.equal((answer.body as { __type: string }).__type, 'InvalidParameterException');
        }
        await assert.rejects(
          pool.client.send(new ConfirmSignUpCommand({ ClientId: 'other', Username: ALICE, ConfirmationCode: '1' })),
          error('ResourceNotFoundException'),
        );
        assert.equal((await pool.signUp('still-serving@example.com')).UserConfirmed, false);
      });
    });

    describe('the custom flow', () => {
      it('is not enabled on the app client', async () => {
        await assert.rejects(
          pool.initiate('CUSTOM_AUTH', ALICE),
          error('InvalidParameterException', 'CUSTOM_AUTH flow not enabled for this client'),
        );
      });
    });

    describe('a sign-up with a password', () => {
      it('is confirmed the same way, and its Session signs in without the password', async () => {
        const email = 'with.password@example.com';
        const result = await pool.signUp(email, 'Strong-Random-Password-1');
        assert.equal(result.UserConfirmed, false);
        const { Session } = await pool.confirm(email, await pool.code(email), result.Session);
        assert.ok((await pool.signInWith(email, Session)).AuthenticationResult?.AccessToken);
      });
    });
  });

  describe('when the confirmation code and the session have short lives', () => {
    const pool = endpoint({ ...USER_AUTH_ONLY, confirmationCodeLifetimeSeconds: 1, sessionTtlSeconds: 1 });

    it('answers ExpiredCodeException for the right code once it has expired', async () => {
      await pool.signUp('slow@example.com');
      const code = await pool.code('slow@example.com');
      await delay(1_200);
      await assert.rejects(pool.confirm('slow@example.com', code), expired);
    });

    it('refuses the confirmed sign-up’s Session once it has expired', async () => {
      await pool.signUp('late@example.com');
      const { Session } = await pool.confirm('late@example.com', await pool.code('late@example.com'));
      await delay(1_200);
      await assert.rejects(
        pool.signInWith('late@example.com', Session),
        error('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
      );
    });
  });

  describe('when every sign-in session is taken', () => {
    const pool = endpoint({ ...USER_AUTH_ONLY, maxSessions: 1 });

    it('still signs the user up and confirms them, only without a Session', async () => {
      assert.ok((await pool.signUp('first@example.com')).Session, 'the one session');
      const second = await pool.signUp('second@example.com');
      assert.equal(second.UserConfirmed, false);
      assert.equal(second.Session, undefined);
      assert.ok(second.CodeDeliveryDetails);
      const confirmed = await pool.confirm('second@example.com', await pool.code('second@example.com'));
      assert.equal(confirmed.Session, undefined);
      await assert.rejects(pool.resend('second@example.com'), error('InvalidParameterException'), 'it is confirmed');
    });
  });

  describe('when the limits across sessions are reached', () => {
    const pool = endpoint({
      ...USER_AUTH_ONLY,
      triggerEnv: { SEND_GAP_SECONDS: '30', FAILURES_PER_HOUR: '2', MAX_ATTEMPTS: '10' },
    });
    const refused = error('NotAuthorizedException', /^Attempt limit exceeded.*TooManyAttempts retryAfterSeconds=\d+$/);

    it('refuses a resend within the gap after the sign-up’s code, naming the wait', async () => {
      await pool.signUp('eager@example.com');
      await assert.rejects(pool.resend('eager@example.com'), refused);
      assert.equal((await fetchMessages(pool.server.url)).filter((m) => m.to === 'eager@example.com').length, 1);
    });

    it('counts wrong codes per person, and then refuses even the right one for a while', async () => {
      await pool.signUp('unlucky@example.com');
      const right = await pool.code('unlucky@example.com');
      await assert.rejects(pool.confirm('unlucky@example.com', wrongCode(right)), mismatch);
      await assert.rejects(pool.confirm('unlucky@example.com', wrongCode(right)), mismatch);
      await assert.rejects(pool.confirm('unlucky@example.com', right), refused);
    });
  });

  describe('when the pool also runs the custom flow (Pre Sign-up confirms)', () => {
    const pool = endpoint({ selfSignUp: true, userAuth: { firstFactors: ['EMAIL_OTP'] } });

    it('confirms a passwordless sign-up at once: no code, no Session', async () => {
      const result = await pool.signUp('quick@example.com');
      assert.equal(result.UserConfirmed, true);
      assert.equal(result.CodeDeliveryDetails, undefined);
      assert.equal(result.Session, undefined);
      assert.deepEqual(await fetchMessages(pool.server.url), []);
    });

    it('then signs in with an emailed code, which proves the address', async () => {
      const challenge = await pool.initiate('USER_AUTH', 'quick@example.com', { preferred: 'EMAIL_OTP' });
      const done = await pool.client.send(
        new RespondToAuthChallengeCommand({
          ChallengeName: 'EMAIL_OTP',
          ClientId: pool.server.clientId,
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: 'quick@example.com', EMAIL_OTP_CODE: await pool.code('quick@example.com') },
        }),
      );
      assert.equal(decodeJwt(done.AuthenticationResult!.IdToken!).email_verified, true);
    });
  });

  describe('when the pool does not allow passwordless sign-in with email codes', () => {
    for (const [situation, options] of [
      ['no USER_AUTH', { selfSignUp: true }],
      [
        'USER_AUTH with passkeys and text messages only',
        { selfSignUp: true, userAuth: { firstFactors: ['WEB_AUTHN', 'SMS_OTP'] } },
      ],
    ] as const) {
      describe(situation, () => {
        const pool = endpoint(options as StartOptions);

        it('refuses a sign-up without a password, or with a blank one (InvalidParameterException)', async () => {
          await assert.rejects(
            pool.signUp('someone@example.com'),
            error('InvalidParameterException', /password is required/i),
          );
          await assert.rejects(pool.signUp('someone@example.com', ''), error('InvalidParameterException'));
          assert.equal((await pool.signUp('someone@example.com', 'Strong-Random-Password-1')).UserConfirmed, true);
        });
      });
    }
  });
});
