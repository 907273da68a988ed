// The deploy stack, synthesised offline with aws-cdk-lib/assertions. Bundling the three triggers runs
// esbuild three times, so the stack is synthesised once and every assertion reads that one template.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { App, RemovalPolicy, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { CustomAuthStack } from '../../../backend/deploy/lib/custom-auth-stack.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'deploy-stack-test-'));
after(() => rmSync(outdir, { recursive: true, force: true }));

// Asset metadata (on by default under the CDK CLI) tells where each bundle was written.
const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
const stack = new CustomAuthStack(app, 'CustomAuthLogin', { projectRoot });
const template = Template.fromStack(stack);
const json = template.toJSON() as CloudFormationTemplate;
const assemblyDirectory = app.synth().directory;

type Json = Record<string, unknown>;
interface CloudFormationResource {
  Type: string;
  Properties: Json;
  Metadata?: Json;
  DeletionPolicy?: string;
}
interface CloudFormationTemplate {
  Parameters: Record<string, { Type: string; Default?: string | number; MinValue?: number; MaxValue?: number }>;
  Resources: Record<string, CloudFormationResource>;
  Outputs: Record<string, { Value: unknown }>;
}

const TRIGGER_NAMES = ['defineAuthChallenge', 'createAuthChallenge', 'verifyAuthChallengeResponse'] as const;
type TriggerName = (typeof TRIGGER_NAMES)[number];
const BASIC_EXECUTION_ROLE = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']],
};

function logicalId(fn: NodejsFunction): string {
  return stack.getLogicalId(fn.node.defaultChild as CfnElement);
}
function functionResource(name: TriggerName): CloudFormationResource {
  return json.Resources[logicalId(stack.triggers[name])]!;
}
function roleLogicalId(name: TriggerName): string {
  const role = functionResource(name).Properties.Role as { 'Fn::GetAtt': [string, string] };
  return role['Fn::GetAtt'][0];
}
function resourcesOfType(type: string): CloudFormationResource[] {
  return Object.values(json.Resources).filter((resource) => resource.Type === type);
}
function onlyResourceOfType(type: string): CloudFormationResource {
  const resources = resourcesOfType(type);
  assert.equal(resources.length, 1, `exactly one ${type}`);
  return resources[0]!;
}
const userPoolLogicalId = stack.getLogicalId(stack.userPool.node.defaultChild as CfnElement);
const clientLogicalId = stack.getLogicalId(stack.userPoolClient.node.defaultChild as CfnElement);

/** A function's environment with each parameter reference replaced by the parameter's default. */
function environmentWithDefaults(name: TriggerName, overrides: Record<string, string> = {}): Record<string, string> {
  const variables = (functionResource(name).Properties.Environment as { Variables: Record<string, { Ref: string }> })
    .Variables;
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(variables)) {
    const fallback = json.Parameters[value.Ref]?.Default;
    if (fallback !== undefined) environment[key] = String(fallback);
  }
  return { ...environment, ...overrides };
}

/** Where esbuild wrote a trigger's bundle inside the cloud assembly. */
function bundlePath(name: TriggerName): string {
  const assetPath = functionResource(name).Metadata?.['aws:asset:path'] as string;
  return join(assemblyDirectory, assetPath, 'index.js');
}

/**
 * Invokes a bundled trigger the way the Lambda Node.js runtime does: `require` the CommonJS bundle and call
 * `handler(event)`, in a fresh process whose only extra module path stands in for the runtime's AWS SDK.
 */
function invokeBundle(name: TriggerName, event: Json, environment: Record<string, string>): Json {
  const script =
    'require(process.argv[1]).handler(JSON.parse(process.argv[2]))' +
    '.then((result) => process.stdout.write(JSON.stringify(result)))';
  const result = spawnSync(process.execPath, ['-e', script, bundlePath(name), JSON.stringify(event)], {
    env: { PATH: process.env.PATH, NODE_PATH: join(projectRoot, 'node_modules'), ...environment },
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Json;
}

function cognitoEvent(triggerSource: string, request: Json): Json {
  return {
    version: '1',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_TestPool',
    userName: 'alice@example.com',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'testclient' },
    triggerSource,
    request,
    response: {},
  };
}

describe('CustomAuthStack', () => {
  describe('the user pool', () => {
    it('uses the email address as the username, case-insensitively, with email required', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        Schema: Match.arrayWith([{ Name: 'email', Required: true, Mutable: true }]),
        AliasAttributes: Match.absent(),
      });
    });

    it('lets only administrators create users unless the SelfSignUp parameter says true', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: { 'Fn::If': ['SelfSignUpEnabled', false, true] } },
      });
      template.hasCondition('SelfSignUpEnabled', { 'Fn::Equals': [{ Ref: 'SelfSignUp' }, 'true'] });
      template.hasParameter('SelfSignUp', { Type: 'String', Default: 'false', AllowedValues: ['false', 'true'] });
    });

    it('wires the three triggers into LambdaConfig and nothing else', () => {
      const lambdaConfig = onlyResourceOfType('AWS::Cognito::UserPool').Properties.LambdaConfig;
      assert.deepEqual(lambdaConfig, {
        DefineAuthChallenge: { 'Fn::GetAtt': [logicalId(stack.triggers.defineAuthChallenge), 'Arn'] },
        CreateAuthChallenge: { 'Fn::GetAtt': [logicalId(stack.triggers.createAuthChallenge), 'Arn'] },
        VerifyAuthChallengeResponse: { 'Fn::GetAtt': [logicalId(stack.triggers.verifyAuthChallengeResponse), 'Arn'] },
      });
    });

    it('is retained by cdk destroy unless the context asks otherwise, since deleting it deletes every user', () => {
      assert.equal(json.Resources[userPoolLogicalId]!.DeletionPolicy, 'Retain');
    });
  });

  describe('the app client', () => {
    const client = onlyResourceOfType('AWS::Cognito::UserPoolClient').Properties;

    it('allows exactly the custom, SRP and refresh-token flows', () => {
      assert.deepEqual([...(client.ExplicitAuthFlows as string[])].sort(), [
        'ALLOW_CUSTOM_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
        'ALLOW_USER_SRP_AUTH',
      ]);
    });

    it('is public (no secret), hides whether a user exists and revokes refresh tokens on sign-out', () => {
      assert.equal(client.GenerateSecret, false);
      assert.equal(client.PreventUserExistenceErrors, 'ENABLED');
      assert.equal(client.EnableTokenRevocation, true);
    });

    it('has no OAuth flows, scopes or callback URLs', () => {
      assert.equal(client.AllowedOAuthFlowsUserPoolClient, false);
      assert.equal(client.AllowedOAuthFlows, undefined);
      assert.equal(client.AllowedOAuthScopes, undefined);
      assert.equal(client.CallbackURLs, undefined);
    });

    it('takes the sign-in session validity from a parameter bounded to the 3–15 minutes Cognito allows', () => {
      assert.deepEqual(client.AuthSessionValidity, { Ref: 'SessionValidityMinutes' });
      template.hasParameter('SessionValidityMinutes', { Type: 'Number', Default: 3, MinValue: 3, MaxValue: 15 });
    });

    it('belongs to the user pool', () => {
      assert.deepEqual(client.UserPoolId, { Ref: userPoolLogicalId });
    });
  });

  describe('the trigger functions', () => {
    it('are exactly three, on the Node.js 20 runtime, with the handler export', () => {
      template.resourceCountIs('AWS::Lambda::Function', 3);
      for (const name of TRIGGER_NAMES) {
        const properties = functionResource(name).Properties;
        assert.equal(properties.Runtime, 'nodejs20.x', name);
        assert.equal(properties.Handler, 'index.handler', name);
      }
    });

    it('all read the code settings from the parameters, and only Create gets the sender address', () => {
      const codeSettings = {
        CODE_LENGTH: { Ref: 'CodeLength' },
        MAX_ATTEMPTS: { Ref: 'MaxAttempts' },
        CODE_LIFETIME_SECONDS: { Ref: 'CodeLifetimeSeconds' },
      };
      const variables = (name: TriggerName) => (functionResource(name).Properties.Environment as Json).Variables;
      assert.deepEqual(variables('defineAuthChallenge'), codeSettings);
      assert.deepEqual(variables('verifyAuthChallengeResponse'), codeSettings);
      assert.deepEqual(variables('createAuthChallenge'), { ...codeSettings, SENDER_EMAIL: { Ref: 'SenderEmail' } });
    });

    it('offer the same defaults and bounds as the triggers document', () => {
      template.hasParameter('CodeLength', { Type: 'Number', Default: 6, MinValue: 4, MaxValue: 12 });
      template.hasParameter('MaxAttempts', { Type: 'Number', Default: 3, MinValue: 1, MaxValue: 10 });
      template.hasParameter('CodeLifetimeSeconds', { Type: 'Number', Default: 180, MinValue: 10, MaxValue: 900 });
      template.hasParameter('SenderEmail', { Type: 'String', Default: Match.absent() });
    });

    it('stop within the 5 seconds Cognito waits for a trigger', () => {
      for (const name of TRIGGER_NAMES) assert.equal(functionResource(name).Properties.Timeout, 5, name);
    });

    it('log to their own log groups, which cdk destroy removes', () => {
      template.resourceCountIs('AWS::Logs::LogGroup', 3);
      for (const name of TRIGGER_NAMES) {
        const logGroup = (functionResource(name).Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup;
        assert.equal(json.Resources[logGroup.Ref]?.DeletionPolicy, 'Delete', name);
      }
    });

    it('may be invoked by Cognito from this user pool only', () => {
      for (const name of TRIGGER_NAMES) {
        template.hasResourceProperties('AWS::Lambda::Permission', {
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': [logicalId(stack.triggers[name]), 'Arn'] },
          Principal: 'cognito-idp.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': [userPoolLogicalId, 'Arn'] },
        });
      }
      template.resourceCountIs('AWS::Lambda::Permission', 3);
    });
  });

  describe('the permissions', () => {
    it('give every trigger role the basic execution policy and no inline policies', () => {
      for (const name of TRIGGER_NAMES) {
        const role = json.Resources[roleLogicalId(name)]!.Properties;
        assert.deepEqual(role.ManagedPolicyArns, [BASIC_EXECUTION_ROLE], name);
        assert.equal(role.Policies, undefined, name);
      }
    });

    it('add one policy in the whole stack, attached to the Create role alone', () => {
      const policy = onlyResourceOfType('AWS::IAM::Policy').Properties;
      assert.deepEqual(policy.Roles, [{ Ref: roleLogicalId('createAuthChallenge') }]);
      template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    });

    it('let Create send email only as the sender address, through the sender identity only', () => {
      const policy = onlyResourceOfType('AWS::IAM::Policy').Properties;
      assert.deepEqual((policy.PolicyDocument as Json).Statement, [
        {
          Effect: 'Allow',
          Action: ['ses:SendEmail', 'ses:SendRawEmail'],
          Resource: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':ses:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                ':identity/',
                { 'Fn::If': ['SenderIdentityGiven', { Ref: 'SenderIdentity' }, { Ref: 'SenderEmail' }] },
              ],
            ],
          },
          Condition: { StringEquals: { 'ses:FromAddress': { Ref: 'SenderEmail' } } },
        },
      ]);
      template.hasCondition('SenderIdentityGiven', {
        'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'SenderIdentity' }, ''] }],
      });
    });
  });

  describe('the outputs', () => {
    it('name the user pool and the app client', () => {
      template.hasOutput('UserPoolId', { Value: { Ref: userPoolLogicalId } });
      template.hasOutput('UserPoolClientId', { Value: { Ref: clientLogicalId } });
    });

    it('include the widget tag with both ids filled in', () => {
      template.hasOutput('WidgetTag', {
        Value: {
          'Fn::Join': [
            '',
            [
              '<custom-auth-login user-pool-id="',
              { Ref: userPoolLogicalId },
              '" user-pool-client-id="',
              { Ref: clientLogicalId },
              '"></custom-auth-login>',
            ],
          ],
        },
      });
    });
  });

  describe('the bundled code', () => {
    it('leaves the AWS SDK to the Lambda runtime instead of bundling it', () => {
      const bundle = bundlePath('createAuthChallenge');
      assert.match(readFileSync(bundle, 'utf8'), /require\("@aws-sdk\/client-ses"\)/);
      assert.ok(statSync(bundle).size < 100_000, `the Create bundle is ${statSync(bundle).size} bytes`);
    });

    it('starts a passwordless sign-in with a custom challenge (Define)', () => {
      const event = cognitoEvent('DefineAuthChallenge_Authentication', {
        userAttributes: { email: 'alice@example.com' },
        session: [],
      });
      const result = invokeBundle('defineAuthChallenge', event, environmentWithDefaults('defineAuthChallenge'));
      assert.deepEqual(result.response, {
        challengeName: 'CUSTOM_CHALLENGE',
        issueTokens: false,
        failAuthentication: false,
      });
    });

    it('issues a code whose public parameters follow the deployed defaults, and accepts only that code (Create, Verify)', () => {
      // An unknown user gets a decoy challenge and no email, so this runs without reaching SES.
      const created = invokeBundle(
        'createAuthChallenge',
        cognitoEvent('CreateAuthChallenge_Authentication', {
          userAttributes: {},
          challengeName: 'CUSTOM_CHALLENGE',
          session: [],
          userNotFound: true,
        }),
        environmentWithDefaults('createAuthChallenge', { SENDER_EMAIL: 'no-reply@example.com' }),
      );
      const response = created.response as {
        publicChallengeParameters: Record<string, string>;
        privateChallengeParameters: Record<string, string>;
      };
      assert.equal(response.publicChallengeParameters.deliveryMedium, 'EMAIL');
      assert.equal(response.publicChallengeParameters.codeLength, '6');
      assert.equal(response.publicChallengeParameters.attemptsLeft, '3');
      const code = response.privateChallengeParameters.code!;
      assert.match(code, /^\d{6}$/);

      const verify = (answer: string) =>
        invokeBundle(
          'verifyAuthChallengeResponse',
          cognitoEvent('VerifyAuthChallengeResponse_Authentication', {
            userAttributes: { email: 'alice@example.com' },
            privateChallengeParameters: response.privateChallengeParameters,
            challengeAnswer: answer,
          }),
          environmentWithDefaults('verifyAuthChallengeResponse'),
        ).response;
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      assert.deepEqual(verify(code), { answerCorrect: true });
      assert.deepEqual(verify(wrong), { answerCorrect: false });
    });
  });

  describe('when the context asks cdk destroy to delete the user pool', () => {
    it('marks the pool for deletion', () => {
      // Bundling is skipped here: this synthesis only checks the pool's removal policy.
      const destroyApp = new App({ outdir: join(outdir, 'destroyable'), context: { 'aws:cdk:bundling-stacks': [] } });
      const destroyStack = new CustomAuthStack(destroyApp, 'Destroyable', {
        projectRoot,
        userPoolRemovalPolicy: RemovalPolicy.DESTROY,
      });
      const pool = Template.fromStack(destroyStack).findResources('AWS::Cognito::UserPool');
      assert.deepEqual(
        Object.values(pool).map((resource) => resource.DeletionPolicy),
        ['Delete'],
      );
    });
  });
});
