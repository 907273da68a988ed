// Sign-up on the local endpoint, driven by the AWS SDK: Cognito's validation and errors, the Pre Sign-up trigger
// that confirms without a code of its own, the first code proving the address, and the administrative operation
// the Verify trigger calls to say so.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AdminUpdateUserAttributesCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { fetchMessages, latestCode } from '../../../backend/local-cognito/dev-client.ts';
import { type StartOptions } from '../../../backend/local-cognito/server.ts';
import { sdkEndpoint } from './sdk-endpoint.ts';
import { UUID } from './shapes.ts';

const PASSWORD = 'Strong-Random-Password-1';
const users = [
  { email: 'alice@example.com' },
  { email: 'unproved@example.com', attributes: { email_verified: 'false' } },
];
const error = (name: string, message?: string) => (message === undefined ? { name } : { name, message });

/** A local endpoint with the given options and an SDK client pointed at it, for the enclosing suite. */
function endpoint(options: StartOptions) {
  const logged: string[] = [];
  const context = sdkEndpoint({ users, log: (line) => logged.push(line), maxAttempts: 1, ...options });
  const signUp = (username: string, password = PASSWORD, attributes: AttributeType[] = []) =>
    context.client.send(
      new SignUpCommand({
        ClientId: context.server.clientId,
        Username: username,
        Password: password,
        UserAttributes: attributes,
      }),
    );
  const signIn = async (email: string) => {
    const challenge = await context.client.send(
      new InitiateAuthCommand({
        AuthFlow: 'CUSTOM_AUTH',
        ClientId: context.server.clientId,
        AuthParameters: { USERNAME: email },
      }),
    );
    const { AuthenticationResult } = await context.client.send(
      new RespondToAuthChallengeCommand({
        ChallengeName: 'CUSTOM_CHALLENGE',
        ClientId: context.server.clientId,
        Session: challenge.Session,
        ChallengeResponses: {
          USERNAME: challenge.ChallengeParameters!.USERNAME!,
          ANSWER: await latestCode(context.server.url, email),
        },
      }),
    );
    assert.ok(AuthenticationResult?.IdToken);
    return AuthenticationResult;
  };
  return Object.assign(context, { signUp, signIn, logged });
}

describe('SignUp on the local endpoint, driven by the AWS SDK', () => {
  describe('when the pool takes sign-ups', () => {
    const pool = endpoint({ selfSignUp: true });

    describe('a new address', () => {
      let sub: string;

      it('is confirmed at once by Pre Sign-up, under a new UUID, without a confirmation code', async () => {
        const result = await pool.signUp('New.Person@Example.com', PASSWORD, [{ Name: 'name', Value: 'New Person' }]);
        assert.equal(result.UserConfirmed, true);
        assert.match(result.UserSub!, UUID);
        assert.equal(result.CodeDeliveryDetails, undefined);
        sub = result.UserSub!;
        assert.deepEqual(await fetchMessages(pool.server.url), [], 'no code is sent by the sign-up itself');
      });

      it('gets its first sign-in code although the address is not verified yet, and that code proves it', async () => {
        const tokens = await pool.signIn('new.person@example.com');
        const id = decodeJwt(tokens.IdToken!);
        assert.equal(id.sub, sub);
        assert.equal(id['cognito:username'], sub);
        assert.equal(id.email, 'New.Person@Example.com');
        assert.equal(id.name, 'New Person');
        assert.equal(id.email_verified, true, 'the ID token of the first sign-in already says so');
      });
    });

    describe('an address that already has an account', () => {
      it('is refused with UsernameExistsException, in any letter case', async () => {
        for (const email of ['alice@example.com', 'ALICE@example.com']) {
          await assert.rejects(
            pool.signUp(email),
            error('UsernameExistsException', 'An account with the given email already exists.'),
          );
        }
      });
    });

    describe('a request Cognito would refuse', () => {
      it('refuses a username that is not an email address', async () => {
        await assert.rejects(pool.signUp('alice'), error('InvalidParameterException', 'Username should be an email.'));
        await assert.rejects(pool.signUp('a b@example.com'), error('InvalidParameterException'));
      });

      it("refuses a password that breaks Cognito's default policy, naming the rule", async () => {
        const cases: Array<[string, string]> = [
          ['Sh0rt!', 'Password not long enough'],
          ['no-upper-case-1', 'Password must have uppercase characters'],
          ['NO-LOWER-CASE-1', 'Password must have lowercase characters'],
          ['No-Digits-At-All', 'Password must have numeric characters'],
          ['NoSymbols123', 'Password must have symbol characters'],
        ];
        for (const [password, rule] of cases) {
          await assert.rejects(
            pool.signUp('someone@example.com', password),
            error('InvalidPasswordException', `Password did not conform with policy: ${rule}`),
          );
        }
      });

      it('refuses attributes the app client may not write', async () => {
        for (const Name of ['custom:sign_in_factors', 'email_verified', 'sub']) {
          await assert.rejects(
            pool.signUp('writer@example.com', PASSWORD, [{ Name, Value: 'x' }]),
            error('NotAuthorizedException', 'A client attempted to write unauthorized attribute'),
          );
        }
      });

      it('refuses an unknown app client', async () => {
        await assert.rejects(
          pool.client.send(new SignUpCommand({ ClientId: 'other', Username: 'x@example.com', Password: PASSWORD })),
          error('ResourceNotFoundException'),
        );
      });

      it('keeps serving afterwards', async () => {
        assert.equal((await pool.signUp('after@example.com')).UserConfirmed, true);
      });
    });

    describe('an account an administrator made with an unverified address', () => {
      it('gets no code: the exception is for signed-up accounts only', async () => {
        const challenge = await pool.client.send(
          new InitiateAuthCommand({
            AuthFlow: 'CUSTOM_AUTH',
            ClientId: pool.server.clientId,
            AuthParameters: { USERNAME: 'unproved@example.com' },
          }),
        );
        assert.equal(challenge.ChallengeName, 'CUSTOM_CHALLENGE');
        const sent = (await fetchMessages(pool.server.url)).filter((m) => m.to === 'unproved@example.com');
        assert.deepEqual(sent, []);
        assert.ok(pool.logged.some((line) => /not sent .*not verified/.test(line)));
      });
    });

    describe('the administrative operation the Verify trigger calls', () => {
      it('is refused to callers without the credentials the endpoint gave its triggers', async () => {
        await assert.rejects(
          pool.client.send(
            new AdminUpdateUserAttributesCommand({
              UserPoolId: pool.server.userPoolId,
              Username: 'alice@example.com',
              UserAttributes: [{ Name: 'email_verified', Value: 'false' }],
            }),
          ),
          error('AccessDeniedException'),
        );
      });
    });
  });

  describe('when the pool does not take sign-ups (the default)', () => {
    const pool = endpoint({});

    it('refuses every sign-up with NotAuthorizedException', async () => {
      await assert.rejects(
        pool.signUp('someone@example.com'),
        error('NotAuthorizedException', 'SignUp is not permitted for this user pool'),
      );
    });
  });
});
