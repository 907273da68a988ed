// The deploy stack, synthesised offline with aws-cdk-lib/assertions. Bundling the three triggers runs
// esbuild three times, so the stack is synthesised once and every assertion reads that one template.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { App, RemovalPolicy, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { CustomAuthStack } from '../../../backend/deploy/lib/custom-auth-stack.ts';
import { startLocalDynamo, type LocalDynamo } from '../../../backend/local-cognito/local-dynamo.ts';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { NUMERIC_SETTINGS } from '../../../backend/triggers/trigger-config.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const outdir = mkdtempSync(join(tmpdir(), 'deploy-stack-test-'));
after(() => rmSync(outdir, { recursive: true, force: true }));
const execFileAsync = promisify(execFile);

// Asset metadata (on by default under the CDK CLI) tells where each bundle was written.
const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
const stack = new CustomAuthStack(app, 'CustomAuthLogin', { projectRoot });
const template = Template.fromStack(stack);
// The default stack runs the custom flow: it has the triggers and their limits table.
const triggers = stack.triggers!;
const limitsTable = stack.limitsTable!;
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

const TRIGGER_NAMES = [
  'defineAuthChallenge',
  'createAuthChallenge',
  'verifyAuthChallengeResponse',
  'preSignUp',
] as const;
type TriggerName = (typeof TRIGGER_NAMES)[number];
const BASIC_EXECUTION_ROLE = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']],
};

function logicalId(fn: NodejsFunction): string {
  return stack.getLogicalId(fn.node.defaultChild as CfnElement);
}
function functionResource(name: TriggerName): CloudFormationResource {
  return json.Resources[logicalId(triggers[name])]!;
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
const tableLogicalId = stack.getLogicalId(limitsTable.node.defaultChild as CfnElement);

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
async function invokeBundle(name: TriggerName, event: Json, environment: Record<string, string>): Promise<Json> {
  const script =
    'require(process.argv[1]).handler(JSON.parse(process.argv[2]))' +
    '.then((result) => process.stdout.write(JSON.stringify(result)))';
  // Asynchronous, so the dynalite server in this process can answer the bundle's DynamoDB calls meanwhile.
  const { stdout } = await execFileAsync(process.execPath, ['-e', script, bundlePath(name), JSON.stringify(event)], {
    env: {
      PATH: process.env.PATH,
      NODE_PATH: join(projectRoot, 'node_modules'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...environment,
    },
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as Json;
}

/** The limits table the bundled Create and Verify use, in dynalite, as the Lambda runtime would reach DynamoDB. */
let dynamo: LocalDynamo | undefined;
const dynamoEnvironment = () => ({
  LIMITS_TABLE: dynamo!.tableName,
  AWS_ENDPOINT_URL_DYNAMODB: dynamo!.endpoint,
  AWS_REGION: 'local',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
});

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

function policyOf(name: TriggerName): Json {
  const role = roleLogicalId(name);
  // The role's default policy; Verify's AdminUpdateUserAttributes statement has a policy of its own.
  const policy = resourcesOfType('AWS::IAM::Policy').find(
    (resource) =>
      JSON.stringify(resource.Properties.Roles).includes(role) &&
      !JSON.stringify(resource.Properties.PolicyDocument).includes('cognito-idp:'),
  );
  assert.ok(policy, `a policy for ${name}`);
  return policy.Properties;
}

describe('CustomAuthStack', () => {
  describe('the limits table', () => {
    it('is one on-demand table keyed by pk, whose items expire through TTL on expiresAt', () => {
      const table = onlyResourceOfType('AWS::DynamoDB::Table').Properties;
      assert.deepEqual(table.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }]);
      assert.deepEqual(table.AttributeDefinitions, [{ AttributeName: 'pk', AttributeType: 'S' }]);
      assert.equal(table.BillingMode, 'PAY_PER_REQUEST');
      assert.deepEqual(table.TimeToLiveSpecification, { AttributeName: 'expiresAt', Enabled: true });
    });
  });

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

    it('wires the three challenge triggers into LambdaConfig, and Pre Sign-up only when SelfSignUp says true', () => {
      const lambdaConfig = onlyResourceOfType('AWS::Cognito::UserPool').Properties.LambdaConfig;
      assert.deepEqual(lambdaConfig, {
        DefineAuthChallenge: { 'Fn::GetAtt': [logicalId(triggers.defineAuthChallenge), 'Arn'] },
        CreateAuthChallenge: { 'Fn::GetAtt': [logicalId(triggers.createAuthChallenge), 'Arn'] },
        VerifyAuthChallengeResponse: { 'Fn::GetAtt': [logicalId(triggers.verifyAuthChallengeResponse), 'Arn'] },
        PreSignUp: {
          'Fn::If': [
            'SelfSignUpEnabled',
            { 'Fn::GetAtt': [logicalId(triggers.preSignUp), 'Arn'] },
            { Ref: 'AWS::NoValue' },
          ],
        },
      });
    });

    it('has no circular dependency between the pool and the triggers that name it', () => {
      // Every Ref, GetAtt and DependsOn is an edge; CloudFormation refuses a template with a cycle among them.
      const edges = new Map<string, Set<string>>();
      const collect = (from: string, value: unknown): void => {
        if (Array.isArray(value)) value.forEach((item) => collect(from, item));
        else if (value && typeof value === 'object') {
          for (const [key, inner] of Object.entries(value)) {
            if (key === 'Ref' && typeof inner === 'string' && json.Resources[inner]) edges.get(from)!.add(inner);
            else if (key === 'Fn::GetAtt') edges.get(from)!.add((inner as string[])[0]!);
            else collect(from, inner);
          }
        }
      };
      for (const [id, resource] of Object.entries(json.Resources)) {
        edges.set(id, new Set());
        collect(id, resource.Properties);
        const dependsOn = (resource as { DependsOn?: string | string[] }).DependsOn ?? [];
        for (const target of Array.isArray(dependsOn) ? dependsOn : [dependsOn]) edges.get(id)!.add(target);
      }
      const done = new Set<string>();
      const visit = (id: string, path: string[]): void => {
        if (path.includes(id)) assert.fail(`cycle: ${[...path, id].join(' → ')}`);
        if (done.has(id)) return;
        for (const next of edges.get(id) ?? []) visit(next, [...path, id]);
        done.add(id);
      };
      for (const id of edges.keys()) visit(id, []);
    });

    it('offers no password reset by email, which would skip the password factor', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] },
      });
    });

    it('keeps sending codes to the old address until a new one is verified', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      });
    });

    it('declares the custom:sign_in_factors attribute the per-user policy reads', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'sign_in_factors', AttributeDataType: 'String', Mutable: true }),
        ]),
      });
    });

    it('is retained by cdk destroy unless the context asks otherwise, since deleting it deletes every user', () => {
      assert.equal(json.Resources[userPoolLogicalId]!.DeletionPolicy, 'Retain');
    });
  });

  describe('the app client', () => {
    const client = onlyResourceOfType('AWS::Cognito::UserPoolClient').Properties;

    it('allows the custom and refresh-token flows, and password-only SRP only when SignInWithoutCode says true', () => {
      assert.deepEqual(client.ExplicitAuthFlows, {
        'Fn::If': [
          'SignInWithoutCodeEnabled',
          ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
          ['ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        ],
      });
      template.hasCondition('SignInWithoutCodeEnabled', { 'Fn::Equals': [{ Ref: 'SignInWithoutCode' }, 'true'] });
      template.hasParameter('SignInWithoutCode', {
        Type: 'String',
        Default: 'false',
        AllowedValues: ['false', 'true'],
      });
    });

    it('lets a signed-in user write only name and locale: not the email codes go to, nor the factor policy', () => {
      assert.deepEqual([...(client.WriteAttributes as string[])].sort(), ['locale', 'name']);
    });

    it('takes token lifetimes from parameters with Cognito defaults (1 hour, 1 hour, 30 days)', () => {
      assert.deepEqual(client.AccessTokenValidity, { Ref: 'AccessTokenMinutes' });
      assert.deepEqual(client.IdTokenValidity, { Ref: 'IdTokenMinutes' });
      assert.deepEqual(client.RefreshTokenValidity, { Ref: 'RefreshTokenDays' });
      assert.deepEqual(client.TokenValidityUnits, { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' });
      template.hasParameter('AccessTokenMinutes', { Type: 'Number', Default: 60, MinValue: 5, MaxValue: 1440 });
      template.hasParameter('IdTokenMinutes', { Type: 'Number', Default: 60, MinValue: 5, MaxValue: 1440 });
      template.hasParameter('RefreshTokenDays', { Type: 'Number', Default: 30, MinValue: 1, MaxValue: 3650 });
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
    it('are exactly four, on the Node.js 24 runtime, with the handler export', () => {
      template.resourceCountIs('AWS::Lambda::Function', 4);
      for (const name of TRIGGER_NAMES) {
        const properties = functionResource(name).Properties;
        assert.equal(properties.Runtime, 'nodejs24.x', name);
        assert.equal(properties.Handler, 'index.handler', name);
      }
    });

    it('all read the code settings from the parameters; Create and Verify the limits and table; Define the policy', () => {
      const codeSettings = {
        CODE_LENGTH: { Ref: 'CodeLength' },
        MAX_ATTEMPTS: { Ref: 'MaxAttempts' },
        CODE_LIFETIME_SECONDS: { Ref: 'CodeLifetimeSeconds' },
      };
      const limitSettings = {
        LIMITS_TABLE: { Ref: tableLogicalId },
        SEND_GAP_SECONDS: { Ref: 'SendGapSeconds' },
        SENDS_PER_15_MINUTES: { Ref: 'SendsPer15Minutes' },
        SENDS_PER_DAY: { Ref: 'SendsPerDay' },
        FAILURES_PER_HOUR: { Ref: 'FailuresPerHour' },
        LOCK_SECONDS: { Ref: 'LockSeconds' },
      };
      const variables = (name: TriggerName) => (functionResource(name).Properties.Environment as Json).Variables;
      assert.deepEqual(variables('defineAuthChallenge'), {
        ...codeSettings,
        SIGN_IN_FACTORS: { Ref: 'SignInFactors' },
      });
      assert.deepEqual(variables('verifyAuthChallengeResponse'), { ...codeSettings, ...limitSettings });
      assert.deepEqual(variables('createAuthChallenge'), {
        ...codeSettings,
        ...limitSettings,
        SENDER_EMAIL: { Ref: 'SenderEmail' },
        APP_NAME: { Ref: 'AppName' },
        CREATE_MIN_DURATION_MS: { Ref: 'CreateMinDurationMs' },
      });
      assert.deepEqual(variables('preSignUp'), { LIMITS_TABLE: { Ref: tableLogicalId } });
    });

    it('offer the limits with the defaults and bounds the triggers document', () => {
      for (const [name, variable] of [
        ['SendGapSeconds', 'SEND_GAP_SECONDS'],
        ['SendsPer15Minutes', 'SENDS_PER_15_MINUTES'],
        ['SendsPerDay', 'SENDS_PER_DAY'],
        ['FailuresPerHour', 'FAILURES_PER_HOUR'],
        ['LockSeconds', 'LOCK_SECONDS'],
        ['CreateMinDurationMs', 'CREATE_MIN_DURATION_MS'],
      ] as const) {
        const { fallback, min, max } = NUMERIC_SETTINGS[variable];
        template.hasParameter(name, { Type: 'Number', Default: fallback, MinValue: min, MaxValue: max });
      }
      template.hasParameter('SignInFactors', {
        Type: 'String',
        Default: 'per-user',
        AllowedValues: ['per-user', 'code', 'password-and-code'],
      });
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
      template.resourceCountIs('AWS::Logs::LogGroup', 4);
      for (const name of TRIGGER_NAMES) {
        const logGroup = (functionResource(name).Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup;
        assert.equal(json.Resources[logGroup.Ref]?.DeletionPolicy, 'Delete', name);
      }
    });

    it('may be invoked by Cognito from this user pool only (Pre Sign-up only when SelfSignUp says true)', () => {
      for (const name of TRIGGER_NAMES) {
        template.hasResourceProperties('AWS::Lambda::Permission', {
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': [logicalId(triggers[name]), 'Arn'] },
          Principal: 'cognito-idp.amazonaws.com',
          SourceArn: { 'Fn::GetAtt': [userPoolLogicalId, 'Arn'] },
        });
      }
      template.resourceCountIs('AWS::Lambda::Permission', 4);
      const preSignUpPermission = resourcesOfType('AWS::Lambda::Permission').find((resource) =>
        JSON.stringify(resource.Properties.FunctionName).includes(logicalId(triggers.preSignUp)),
      ) as CloudFormationResource & { Condition?: string };
      assert.equal(preSignUpPermission.Condition, 'SelfSignUpEnabled');
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

    it('add one policy each to Create and Pre Sign-up, two to Verify, and none to Define', () => {
      const policies = resourcesOfType('AWS::IAM::Policy').map((policy) => JSON.stringify(policy.Properties.Roles));
      assert.deepEqual(
        policies.sort(),
        [
          [{ Ref: roleLogicalId('createAuthChallenge') }],
          [{ Ref: roleLogicalId('verifyAuthChallengeResponse') }],
          [{ Ref: roleLogicalId('verifyAuthChallengeResponse') }],
          [{ Ref: roleLogicalId('preSignUp') }],
        ]
          .map((roles) => JSON.stringify(roles))
          .sort(),
      );
      template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    });

    it('let Pre Sign-up put items into the limits table, and nothing else', () => {
      assert.deepEqual((policyOf('preSignUp').PolicyDocument as { Statement: Json[] }).Statement, [
        { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: [{ 'Fn::GetAtt': [tableLogicalId, 'Arn'] }] },
      ]);
    });

    it('let Verify mark addresses verified (AdminUpdateUserAttributes) in this pool only, and only with SelfSignUp', () => {
      const policies = resourcesOfType('AWS::IAM::Policy').filter((policy) =>
        JSON.stringify(policy.Properties.PolicyDocument).includes('cognito-idp:'),
      ) as Array<CloudFormationResource & { Condition?: string }>;
      assert.equal(policies.length, 1);
      assert.equal(policies[0]!.Condition, 'SelfSignUpEnabled');
      assert.deepEqual(policies[0]!.Properties.Roles, [{ Ref: roleLogicalId('verifyAuthChallengeResponse') }]);
      assert.deepEqual((policies[0]!.Properties.PolicyDocument as { Statement: Json[] }).Statement, [
        {
          Effect: 'Allow',
          Action: 'cognito-idp:AdminUpdateUserAttributes',
          Resource: { 'Fn::GetAtt': [userPoolLogicalId, 'Arn'] },
        },
      ]);
    });

    it('let Create and Verify read and write items of the limits table, and nothing else in DynamoDB', () => {
      for (const name of ['createAuthChallenge', 'verifyAuthChallengeResponse'] as const) {
        const statements = (policyOf(name).PolicyDocument as { Statement: Json[] }).Statement;
        const dynamo = statements.filter((statement) => JSON.stringify(statement.Action).includes('dynamodb'));
        assert.deepEqual(
          dynamo,
          [
            {
              Effect: 'Allow',
              Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
              Resource: [{ 'Fn::GetAtt': [tableLogicalId, 'Arn'] }],
            },
          ],
          name,
        );
      }
    });

    it('let Create send email (SendEmail only) as the sender address, through the sender identity only', () => {
      const statements = (policyOf('createAuthChallenge').PolicyDocument as { Statement: Json[] }).Statement;
      const ses = statements.filter((statement) => JSON.stringify(statement.Action).includes('ses:'));
      assert.deepEqual(ses, [
        {
          Effect: 'Allow',
          Action: 'ses:SendEmail',
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
    before(async () => {
      dynamo = await startLocalDynamo();
    });
    after(() => dynamo?.close());

    it('leaves the AWS SDK to the Lambda runtime instead of bundling it', () => {
      const bundle = bundlePath('createAuthChallenge');
      assert.match(readFileSync(bundle, 'utf8'), /require\("@aws-sdk\/client-ses"\)/);
      assert.match(readFileSync(bundle, 'utf8'), /require\("@aws-sdk\/client-dynamodb"\)/);
      assert.ok(statSync(bundle).size < 100_000, `the Create bundle is ${statSync(bundle).size} bytes`);
    });

    it('starts a passwordless sign-in with a custom challenge (Define)', async () => {
      const event = cognitoEvent('DefineAuthChallenge_Authentication', {
        userAttributes: { email: 'alice@example.com' },
        session: [],
      });
      const result = await invokeBundle('defineAuthChallenge', event, environmentWithDefaults('defineAuthChallenge'));
      assert.deepEqual(result.response, {
        challengeName: 'CUSTOM_CHALLENGE',
        issueTokens: false,
        failAuthentication: false,
      });
    });

    it('issues a code whose public parameters follow the deployed defaults, and accepts only that code (Create, Verify)', async () => {
      // An unknown user gets a decoy challenge and no email, so this runs without reaching SES.
      const created = await invokeBundle(
        'createAuthChallenge',
        cognitoEvent('CreateAuthChallenge_Authentication', {
          userAttributes: {},
          challengeName: 'CUSTOM_CHALLENGE',
          session: [],
          userNotFound: true,
        }),
        environmentWithDefaults('createAuthChallenge', {
          SENDER_EMAIL: 'no-reply@example.com',
          ...dynamoEnvironment(),
        }),
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
            userAttributes: { email: 'alice@example.com', sub: '5f1c0000-0000-4000-8000-000000000001' },
            privateChallengeParameters: response.privateChallengeParameters,
            challengeAnswer: answer,
          }),
          environmentWithDefaults('verifyAuthChallengeResponse', dynamoEnvironment()),
        ).then((result) => result.response);
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      assert.deepEqual(await verify(wrong), { answerCorrect: false });
      assert.deepEqual(await verify(code), { answerCorrect: true });
      // The limits reached the table through the runtime's SDK: one item for the unknown name, one for Alice.
      const { Count } = await dynamo!.client.send(new ScanCommand({ TableName: dynamo!.tableName }));
      assert.equal(Count, 2);
    });
  });

  describe('the bundled Pre Sign-up', () => {
    before(async () => {
      dynamo = await startLocalDynamo();
    });
    after(() => dynamo?.close());

    it('confirms a user signing themselves up, leaves the address unverified, and remembers the sign-up', async () => {
      const { Count: before } = await dynamo!.client.send(new ScanCommand({ TableName: dynamo!.tableName }));
      const result = await invokeBundle(
        'preSignUp',
        cognitoEvent('PreSignUp_SignUp', { userAttributes: { email: 'new@example.com' } }),
        environmentWithDefaults('preSignUp', dynamoEnvironment()),
      );
      assert.deepEqual(result.response, { autoConfirmUser: true, autoVerifyEmail: false });
      const { Count: afterwards } = await dynamo!.client.send(new ScanCommand({ TableName: dynamo!.tableName }));
      assert.equal(afterwards, (before ?? 0) + 1);
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
