import { Aws, CfnOutput, Fn, RemovalPolicy, Stack, type CfnResource, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPool,
  CfnUserPoolClient,
  ClientAttributes,
  FeaturePlan,
  PasskeyUserVerification,
  StringAttribute,
  UserPool,
  UserPoolClient,
  type IUserPool,
  type UserPoolProps,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, Policy, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import type { UserAuthStackOptions } from './context-options.ts';
import { declareDeployParameters, PARAMETER_NAMES, type DeployParameters } from './deploy-parameters.ts';
import { grantSesSendFrom } from './ses-send-permission.ts';
import { TriggerFunction } from './trigger-function.ts';

/** Synthesis-time options of {@link CustomAuthStack}; everything chosen at deploy time is a parameter. */
export interface CustomAuthStackProps extends StackProps {
  /** The repository root (where `package.json`, `package-lock.json` and `backend/triggers/` are). */
  readonly projectRoot: string;
  /**
   * What `cdk destroy` does with the user pool. Defaults to `RETAIN`: deleting a pool deletes every
   * user in it, so that should be a deliberate choice.
   */
  readonly userPoolRemovalPolicy?: RemovalPolicy;
  /**
   * Cognito's own choice-based sign-in (`USER_AUTH`: email and SMS codes, passkeys) beside the custom flow, or
   * instead of it (`customAuth: false`). Puts the pool on the Essentials plan. Default: the custom flow alone.
   */
  readonly userAuth?: UserAuthStackOptions;
}

/** The trigger modules, fixed by the team's contract (each exports `handler`). */
export const TRIGGER_ENTRIES = {
  defineAuthChallenge: 'backend/triggers/define-auth-challenge.ts',
  createAuthChallenge: 'backend/triggers/create-auth-challenge.ts',
  verifyAuthChallengeResponse: 'backend/triggers/verify-auth-challenge-response.ts',
  preSignUp: 'backend/triggers/pre-sign-up.ts',
} as const;

/**
 * A Cognito user pool running the passwordless custom-auth flow for `<custom-auth-login>`:
 * the pool (email as username), one public app client with exactly the widget's flows, and the
 * Define/Create/Verify triggers, of which only Create may do anything beyond logging (send email
 * through SES from the configured sender). With `SelfSignUp=true`, Pre Sign-up is wired too and Verify may
 * mark an address verified (AdminUpdateUserAttributes on this pool only) once its first code came back.
 */
export class CustomAuthStack extends Stack {
  /** The user pool the widget signs in to. */
  readonly userPool: UserPool;
  /** The app client the widget uses. */
  readonly userPoolClient: UserPoolClient;
  /**
   * The trigger functions, by their Cognito trigger names (Pre Sign-up wired only with `SelfSignUp=true`); none
   * when the pool signs in with USER_AUTH alone.
   */
  readonly triggers: Readonly<Record<keyof typeof TRIGGER_ENTRIES, NodejsFunction>> | undefined;
  /** The per-user counts of codes sent and wrong answers, shared by every trigger instance (custom flow only). */
  readonly limitsTable: Table | undefined;

  constructor(scope: Construct, id: string, props: CustomAuthStackProps) {
    super(scope, id, props);
    const parameters = declareDeployParameters(this);
    const customAuth = props.userAuth?.customAuth ?? true;
    this.limitsTable = customAuth
      ? new Table(this, 'SignInLimits', {
          partitionKey: { name: 'pk', type: AttributeType.STRING },
          // Sign-ins come in bursts and mostly not at all: pay per request, nothing to size.
          billingMode: BillingMode.PAY_PER_REQUEST,
          // Items say when nothing in them matters any more; DynamoDB deletes them after that.
          timeToLiveAttribute: 'expiresAt',
          // Counts that expire within a day: nothing worth keeping when the stack goes.
          removalPolicy: RemovalPolicy.DESTROY,
        })
      : undefined;
    this.triggers = this.limitsTable && this.createTriggers(props.projectRoot, parameters, this.limitsTable);
    const triggers = this.triggers;

    this.userPool = new UserPool(this, 'UserPool', {
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      // Set by administrators only (the app client cannot write it): what this user's sign-in needs.
      customAttributes: { sign_in_factors: new StringAttribute({ mutable: true, maxLen: 20 }) },
      autoVerify: { email: true },
      // A changed address takes effect only once verified; until then codes go to the old one.
      keepOriginal: { email: true },
      // No password reset by email: it would let whoever reads the mailbox set a password and skip
      // the password factor. Administrators reset passwords.
      accountRecovery: AccountRecovery.NONE,
      selfSignUpEnabled: false,
      ...(triggers
        ? {
            lambdaTriggers: {
              defineAuthChallenge: triggers.defineAuthChallenge,
              createAuthChallenge: triggers.createAuthChallenge,
              verifyAuthChallengeResponse: triggers.verifyAuthChallengeResponse,
            },
          }
        : {}),
      ...(props.userAuth ? userAuthPoolProps(props.userAuth) : {}),
      removalPolicy: props.userPoolRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.wireSelfSignUp(parameters);
    const emailsItself = props.userAuth?.firstFactors.includes('EMAIL_OTP') ?? false;
    if (emailsItself) this.sendPoolEmailThroughSes(parameters);
    if (!customAuth) this.dropUnusedParameters(emailsItself);

    this.userPoolClient = this.createClient(this.userPool, parameters, { customAuth, userAuth: !!props.userAuth });

    new CfnOutput(this, 'UserPoolId', {
      value: this.userPool.userPoolId,
      description: "The widget's user-pool-id attribute.",
    });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.userPoolClient.userPoolClientId,
      description: "The widget's user-pool-client-id attribute.",
    });
    new CfnOutput(this, 'WidgetTag', {
      value: widgetTag(
        this.userPool.userPoolId,
        this.userPoolClient.userPoolClientId,
        customAuth ? undefined : 'user-auth',
      ),
      description: 'The element to paste into a page that loads custom-auth-login.js.',
    });
  }

  private createTriggers(projectRoot: string, parameters: DeployParameters, limitsTable: Table) {
    // Every trigger sees the same code settings, so Define, Create and Verify can never disagree on them.
    const codeSettings = {
      CODE_LENGTH: parameters.codeLength.valueAsString,
      MAX_ATTEMPTS: parameters.maxAttempts.valueAsString,
      CODE_LIFETIME_SECONDS: parameters.codeLifetimeSeconds.valueAsString,
    };
    // Create counts sends and checks locks, Verify counts answers: both read the same limits and table.
    const limitSettings = {
      LIMITS_TABLE: limitsTable.tableName,
      ...Object.fromEntries(
        Object.entries(parameters.limits).map(([variable, parameter]) => [variable, parameter.valueAsString]),
      ),
    };
    const defineAuthChallenge = new TriggerFunction(this, 'DefineAuthChallenge', {
      projectRoot,
      entry: TRIGGER_ENTRIES.defineAuthChallenge,
      description: 'custom-auth-login: decides the next step of a passwordless sign-in',
      environment: { ...codeSettings, SIGN_IN_FACTORS: parameters.signInFactors.valueAsString },
    });
    const createAuthChallenge = new TriggerFunction(this, 'CreateAuthChallenge', {
      projectRoot,
      entry: TRIGGER_ENTRIES.createAuthChallenge,
      description: 'custom-auth-login: issues a one-time code and emails it',
      environment: {
        ...codeSettings,
        ...limitSettings,
        SENDER_EMAIL: parameters.senderEmail.valueAsString,
        APP_NAME: parameters.appName.valueAsString,
        CREATE_MIN_DURATION_MS: parameters.createMinDurationMs.valueAsString,
      },
    });
    const verifyAuthChallengeResponse = new TriggerFunction(this, 'VerifyAuthChallengeResponse', {
      projectRoot,
      entry: TRIGGER_ENTRIES.verifyAuthChallengeResponse,
      description: 'custom-auth-login: checks the code a user typed',
      environment: { ...codeSettings, ...limitSettings },
    });
    // Read and conditionally replace one item: nothing else, on nothing else.
    for (const fn of [createAuthChallenge, verifyAuthChallengeResponse]) {
      limitsTable.grant(fn.function, 'dynamodb:GetItem', 'dynamodb:PutItem');
    }
    grantSesSendFrom(createAuthChallenge.function, {
      address: parameters.senderEmail.valueAsString,
      identity: parameters.senderIdentity,
    });
    // Pre Sign-up remembers each sign-up in the same table (Create reads it): one PutItem, nothing else.
    const preSignUp = new TriggerFunction(this, 'PreSignUp', {
      projectRoot,
      entry: TRIGGER_ENTRIES.preSignUp,
      description: 'custom-auth-login: confirms a sign-up; its first code will prove the address',
      environment: { LIMITS_TABLE: limitsTable.tableName },
    });
    limitsTable.grant(preSignUp.function, 'dynamodb:PutItem');
    return {
      defineAuthChallenge: defineAuthChallenge.function,
      createAuthChallenge: createAuthChallenge.function,
      verifyAuthChallengeResponse: verifyAuthChallengeResponse.function,
      preSignUp: preSignUp.function,
    };
  }

  /**
   * Self sign-up, a deploy-time parameter the construct's booleans cannot express: the pool lets users sign up,
   * Pre Sign-up is wired and may be invoked by the pool, and Verify may mark this pool's addresses verified.
   */
  private wireSelfSignUp(parameters: DeployParameters) {
    const enabled = parameters.selfSignUpEnabled;
    const pool = this.userPool.node.defaultChild as CfnUserPool;
    pool.addPropertyOverride(
      'AdminCreateUserConfig.AllowAdminCreateUserOnly',
      Fn.conditionIf(enabled.logicalId, false, true),
    );
    // Without the custom flow, Cognito confirms a sign-up itself, by the code it emails (autoVerify).
    if (!this.triggers) return;
    pool.addPropertyOverride(
      'LambdaConfig.PreSignUp',
      Fn.conditionIf(enabled.logicalId, this.triggers.preSignUp.functionArn, Aws.NO_VALUE),
    );
    const invoke = new CfnPermission(this, 'PreSignUpInvokedByUserPool', {
      action: 'lambda:InvokeFunction',
      functionName: this.triggers.preSignUp.functionArn,
      principal: 'cognito-idp.amazonaws.com',
      sourceArn: this.userPool.userPoolArn,
    });
    invoke.cfnOptions.condition = enabled;
    // A policy of its own rather than a statement in the role's default policy: the function waits for that one,
    // the pool waits for the function, and a statement naming the pool would close the circle.
    const markVerified = new Policy(this, 'VerifyMarksAddressVerified', {
      roles: [this.triggers.verifyAuthChallengeResponse.role!],
      statements: [
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['cognito-idp:AdminUpdateUserAttributes'],
          resources: [this.userPool.userPoolArn],
        }),
      ],
    });
    (markVerified.node.defaultChild as CfnResource).cfnOptions.condition = enabled;
  }

  /**
   * Cognito's own emails (USER_AUTH's codes, sign-up confirmations) through SES from the sender address, like the
   * custom flow's codes: Cognito's built-in sender allows only a few messages a day. Set on the template because
   * the construct checks the address against the identity's domain, which parameters leave unknown until deploy.
   */
  private sendPoolEmailThroughSes(parameters: DeployParameters) {
    const pool = this.userPool.node.defaultChild as CfnUserPool;
    pool.addPropertyOverride('EmailConfiguration', {
      EmailSendingAccount: 'DEVELOPER',
      From: parameters.senderEmail.valueAsString,
      SourceArn: this.formatArn({ service: 'ses', resource: 'identity', resourceName: parameters.senderIdentity }),
    });
  }

  /**
   * Without the custom flow, its trigger settings mean nothing: they leave the template rather than stay as
   * parameters that do nothing (and the sender address too when the pool sends no email codes).
   */
  private dropUnusedParameters(emailsItself: boolean) {
    const names: string[] = [
      PARAMETER_NAMES.codeLength,
      PARAMETER_NAMES.maxAttempts,
      PARAMETER_NAMES.codeLifetimeSeconds,
      PARAMETER_NAMES.signInFactors,
      PARAMETER_NAMES.appName,
      PARAMETER_NAMES.createMinDurationMs,
      PARAMETER_NAMES.sendGapSeconds,
      PARAMETER_NAMES.sendsPer15Minutes,
      PARAMETER_NAMES.sendsPerDay,
      PARAMETER_NAMES.failuresPerHour,
      PARAMETER_NAMES.lockSeconds,
      ...(emailsItself ? [] : [PARAMETER_NAMES.senderEmail, PARAMETER_NAMES.senderIdentity, 'SenderIdentityGiven']),
    ];
    for (const name of names) this.node.tryRemoveChild(name);
  }

  private createClient(
    userPool: IUserPool,
    parameters: DeployParameters,
    flows: { readonly customAuth: boolean; readonly userAuth: boolean },
  ): UserPoolClient {
    const client = userPool.addClient('WidgetClient', {
      // A browser cannot keep a secret; Amplify's sign-in from a page needs a public client.
      generateSecret: false,
      // The custom flow covers both of the widget's sign-ins: CUSTOM_AUTH with SRP_A checks the password
      // inside the custom flow. USER_SRP_AUTH (password only, no trigger) is added below only on request.
      // Refresh-token sign-in is always added by the construct.
      authFlows: { custom: true },
      // What a signed-in user may change about themselves: not the address codes go to, nor the factor policy.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
      // The widget never uses the hosted UI, so the construct's default OAuth settings would only widen the client.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
    // The construct validates a Duration, which a parameter token cannot be; the parameter bounds do the validating.
    const cfnClient = client.node.defaultChild as CfnUserPoolClient;
    cfnClient.authSessionValidity = parameters.sessionValidityMinutes.valueAsNumber;
    cfnClient.accessTokenValidity = parameters.accessTokenMinutes.valueAsNumber;
    cfnClient.idTokenValidity = parameters.idTokenMinutes.valueAsNumber;
    cfnClient.refreshTokenValidity = parameters.refreshTokenDays.valueAsNumber;
    cfnClient.tokenValidityUnits = { accessToken: 'minutes', idToken: 'minutes', refreshToken: 'days' };
    const always = [
      ...(flows.customAuth ? ['ALLOW_CUSTOM_AUTH'] : []),
      ...(flows.userAuth ? ['ALLOW_USER_AUTH'] : []),
      'ALLOW_REFRESH_TOKEN_AUTH',
    ];
    cfnClient.explicitAuthFlows = Fn.conditionIf(
      parameters.passwordOnlySignInEnabled.logicalId,
      [...always, 'ALLOW_USER_SRP_AUTH'],
      always,
    ) as unknown as string[];
    return client;
  }
}

/**
 * The pool settings of USER_AUTH: the Essentials plan, the sign-in policy (Cognito requires PASSWORD among the
 * first factors; passwordless users simply have none), the passkey relying party, Cognito's own email through
 * SES from the sender address for email codes, and an SMS role for text-message codes.
 */
function userAuthPoolProps(options: UserAuthStackOptions): Partial<UserPoolProps> {
  const factors = new Set(options.firstFactors);
  return {
    featurePlan: FeaturePlan.ESSENTIALS,
    signInPolicy: {
      allowedFirstAuthFactors: {
        password: true,
        emailOtp: factors.has('EMAIL_OTP'),
        smsOtp: factors.has('SMS_OTP'),
        passkey: factors.has('WEB_AUTHN'),
      },
    },
    ...(factors.has('WEB_AUTHN')
      ? {
          passkeyRelyingPartyId: options.passkeyRelyingPartyId,
          passkeyUserVerification:
            options.passkeyUserVerification === 'required'
              ? PasskeyUserVerification.REQUIRED
              : PasskeyUserVerification.PREFERRED,
        }
      : {}),
    ...(factors.has('SMS_OTP')
      ? {
          enableSmsRole: true,
          standardAttributes: {
            email: { required: true, mutable: true },
            phoneNumber: { required: false, mutable: true },
          },
        }
      : {}),
  };
}

/**
 * The `<custom-auth-login>` element configured for this pool, as pasted into a page; with `auth-flow` when the
 * pool signs in with USER_AUTH alone.
 */
export function widgetTag(userPoolId: string, userPoolClientId: string, authFlow?: 'user-auth'): string {
  const flow = authFlow ? ` auth-flow="${authFlow}"` : '';
  return `<custom-auth-login user-pool-id="${userPoolId}" user-pool-client-id="${userPoolClientId}"${flow}></custom-auth-login>`;
}
