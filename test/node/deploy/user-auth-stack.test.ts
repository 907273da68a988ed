// The deploy stack with Cognito's own passwordless sign-in (USER_AUTH), synthesised offline with
// aws-cdk-lib/assertions: alone (no custom-flow triggers, so nothing to bundle) and beside the custom flow.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { userAuthFromContext, type UserAuthStackOptions } from '../../../backend/deploy/lib/context-options.ts';
import { CustomAuthStack } from '../../../backend/deploy/lib/custom-auth-stack.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'user-auth-stack-test-'));
after(() => rmSync(outdir, { recursive: true, force: true }));

function synth(userAuth: UserAuthStackOptions, id: string) {
  const stack = new CustomAuthStack(new App({ outdir: join(outdir, id) }), id, { projectRoot, userAuth });
  return { stack, template: Template.fromStack(stack) };
}

/** The app client's flows as the template lists them, without and with the SignInWithoutCode parameter. */
function clientFlows(template: Template): { withoutPasswordOnly: string[]; withPasswordOnly: string[] } {
  const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient')) as {
    Properties: { ExplicitAuthFlows: { 'Fn::If': [string, string[], string[]] } };
  }[];
  const [, withPasswordOnly, withoutPasswordOnly] = client!.Properties.ExplicitAuthFlows['Fn::If'];
  return { withoutPasswordOnly, withPasswordOnly };
}

describe('the deploy stack with USER_AUTH', () => {
  describe('when only USER_AUTH is wanted (customAuth false)', () => {
    const { stack, template } = synth(
      {
        firstFactors: ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'],
        passkeyRelyingPartyId: 'app.example.com',
        passkeyUserVerification: 'required',
        customAuth: false,
      },
      'UserAuthOnly',
    );

    it('puts the pool on the Essentials plan with a sign-in policy of those first factors and PASSWORD', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        UserPoolTier: 'ESSENTIALS',
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] } },
      });
    });

    it('names the passkeys’ relying party and requires user verification', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        WebAuthnRelyingPartyID: 'app.example.com',
        WebAuthnUserVerification: 'required',
      });
    });

    it('sends the pool’s own email codes through SES from the sender address', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        EmailConfiguration: {
          EmailSendingAccount: 'DEVELOPER',
          From: { Ref: 'SenderEmail' },
          SourceArn: Match.anyValue(),
        },
      });
    });

    it('can send text messages: an SMS role and a phone_number attribute', () => {
      template.resourceCountIs('AWS::IAM::Role', 1);
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        SmsConfiguration: { SnsCallerArn: Match.anyValue() },
        Schema: Match.arrayWith([{ Name: 'phone_number', Mutable: true, Required: false }]),
      });
    });

    it('has no custom-auth triggers, no limits table, and none of their parameters', () => {
      assert.equal(stack.triggers, undefined);
      assert.equal(stack.limitsTable, undefined);
      template.resourceCountIs('AWS::Lambda::Function', 0);
      template.resourceCountIs('AWS::DynamoDB::Table', 0);
      const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0] as { Properties: object };
      assert.ok(!('LambdaConfig' in pool.Properties), 'no trigger is wired');
      const parameters = Object.keys(template.toJSON().Parameters as object);
      for (const name of ['CodeLength', 'MaxAttempts', 'SignInFactors', 'AppName', 'SendGapSeconds', 'LockSeconds']) {
        assert.ok(!parameters.includes(name), `${name} is gone`);
      }
      assert.ok(parameters.includes('SenderEmail'), 'the pool still emails its codes');
    });

    it('lets the app client use USER_AUTH and not the custom flow', () => {
      const { withoutPasswordOnly, withPasswordOnly } = clientFlows(template);
      assert.deepEqual(withoutPasswordOnly, ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
      assert.deepEqual(withPasswordOnly, ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    });

    it('still lets self sign-up be switched at deploy time, confirmed by Cognito’s own code', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: { 'Fn::If': ['SelfSignUpEnabled', false, true] } },
        AutoVerifiedAttributes: ['email'],
      });
    });

    it('meets Cognito’s conditions for sign-ups without a password, which its own code then confirms', () => {
      // Essentials, EMAIL_OTP as a first factor, the address given (it is the username) and auto-verified, and
      // USER_AUTH on the app client: then SignUp needs no password, and ConfirmSignUp's Session signs the user in.
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        UserPoolTier: 'ESSENTIALS',
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        Schema: Match.arrayWith([Match.objectLike({ Name: 'email', Required: true })]),
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: Match.arrayWith(['EMAIL_OTP']) } },
      });
      assert.ok(clientFlows(template).withoutPasswordOnly.includes('ALLOW_USER_AUTH'));
    });

    it('refuses sign-in links, which only the custom flow’s triggers issue and accept', () => {
      assert.throws(
        () =>
          new CustomAuthStack(new App({ outdir: join(outdir, 'LinksWithoutCustomAuth') }), 'LinksWithoutCustomAuth', {
            projectRoot,
            userAuth: {
              firstFactors: ['EMAIL_OTP'],
              passkeyRelyingPartyId: undefined,
              passkeyUserVerification: 'required',
              customAuth: false,
            },
            signInLinks: { pages: 'https://app.example/sign-in' },
          }),
        /Sign-in links need the custom flow/,
      );
    });

    it('outputs the element with auth-flow="user-auth"', () => {
      const tag = JSON.stringify(template.toJSON().Outputs.WidgetTag.Value);
      assert.match(tag, /auth-flow=\\"user-auth\\"/);
    });
  });

  describe('when USER_AUTH comes beside the custom flow', () => {
    const { stack, template } = synth(
      {
        firstFactors: ['WEB_AUTHN'],
        passkeyRelyingPartyId: 'example.com',
        passkeyUserVerification: 'preferred',
        customAuth: true,
      },
      'Both',
    );

    it('keeps the custom flow’s triggers and table, and lets the client use both flows', () => {
      assert.ok(stack.triggers && stack.limitsTable);
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        LambdaConfig: {
          DefineAuthChallenge: Match.anyValue(),
          CreateAuthChallenge: Match.anyValue(),
          VerifyAuthChallengeResponse: Match.anyValue(),
        },
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } },
        WebAuthnRelyingPartyID: 'example.com',
        WebAuthnUserVerification: 'preferred',
      });
      assert.deepEqual(clientFlows(template).withoutPasswordOnly, [
        'ALLOW_CUSTOM_AUTH',
        'ALLOW_USER_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ]);
    });

    it('leaves Cognito’s own email and SMS as they are when no code factor is allowed', () => {
      const pool = Object.values(template.findResources('AWS::Cognito::UserPool'))[0] as { Properties: object };
      assert.ok(!('EmailConfiguration' in pool.Properties));
      assert.ok(!('SmsConfiguration' in pool.Properties));
    });

    it('outputs the element without an auth-flow attribute (the custom flow stays the default)', () => {
      assert.doesNotMatch(JSON.stringify(template.toJSON().Outputs.WidgetTag.Value), /auth-flow/);
    });
  });
});

describe('the USER_AUTH context options', () => {
  const read = (context: Record<string, unknown>) => userAuthFromContext(new App({ context }).node);

  it('are off unless userAuth names first factors', () => {
    assert.equal(read({}), undefined);
  });

  it('read the factors (PASSWORD implied), the relying party, user verification and customAuth', () => {
    assert.deepEqual(
      read({
        userAuth: 'email_otp, WEB_AUTHN,password',
        passkeyRelyingPartyId: 'App.Example.com',
        customAuth: 'false',
      }),
      {
        firstFactors: ['EMAIL_OTP', 'WEB_AUTHN'],
        passkeyRelyingPartyId: 'app.example.com',
        passkeyUserVerification: 'required',
        customAuth: false,
      },
    );
    assert.equal(read({ userAuth: 'SMS_OTP' })?.customAuth, true);
    assert.equal(read({ userAuth: 'SMS_OTP', customAuth: true })?.customAuth, true);
  });

  it('refuse what would deploy a pool nobody can use, naming what is allowed', () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ userAuth: 'FACE_ID' }, /userAuth must list some of EMAIL_OTP, SMS_OTP, WEB_AUTHN/],
      [{ userAuth: 'PASSWORD' }, /userAuth must list some of/],
      [{ userAuth: 'WEB_AUTHN' }, /passkeyRelyingPartyId is needed with WEB_AUTHN/],
      [{ userAuth: 'WEB_AUTHN', passkeyRelyingPartyId: 'https://x.example' }, /must be a host name/],
      [{ userAuth: 'EMAIL_OTP', passkeyUserVerification: 'always' }, /"required" or "preferred"/],
      [{ userAuth: 'EMAIL_OTP', customAuth: 'no' }, /customAuth must be "true" or "false"/],
      [{ customAuth: 'false' }, /customAuth needs userAuth/],
      [{ userAuth: 3 }, /userAuth must be a string/],
    ];
    for (const [context, message] of cases) assert.throws(() => read(context), message, JSON.stringify(context));
  });
});
