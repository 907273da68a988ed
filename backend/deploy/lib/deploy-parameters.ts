import { CfnCondition, CfnParameter, Fn } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * The deploy-time settings of the stack, as CloudFormation parameters so that one synthesised template
 * serves every deployment: `npx cdk deploy --parameters SenderEmail=… --parameters CodeLength=8`.
 *
 * The numeric bounds mirror what the triggers accept (they validate their environment again at run
 * time), so a bad value is refused by CloudFormation before anything is created.
 */
export interface DeployParameters {
  /** The "from" address of the code emails; must be covered by a verified SES identity. */
  readonly senderEmail: CfnParameter;
  /** The verified SES identity that covers the sender (`senderEmail` itself unless a domain is given). */
  readonly senderIdentity: string;
  /** Digits per one-time code. */
  readonly codeLength: CfnParameter;
  /** Wrong answers allowed before the sign-in fails. */
  readonly maxAttempts: CfnParameter;
  /** Seconds a code stays valid. */
  readonly codeLifetimeSeconds: CfnParameter;
  /** Minutes a sign-in session (between the challenge and its answer) stays open; Cognito allows 3–15. */
  readonly sessionValidityMinutes: CfnParameter;
  /** True when users may sign themselves up; false (the default) means only administrators create users. */
  readonly selfSignUpEnabled: CfnCondition;
  /** True when the app client also allows USER_SRP_AUTH (password-only sign-in, no code). */
  readonly passwordOnlySignInEnabled: CfnCondition;
  /** What a sign-in needs: `per-user` (the default), `code` or `password-and-code`. */
  readonly signInFactors: CfnParameter;
  /** The app's name in code emails. */
  readonly appName: CfnParameter;
  /** Least milliseconds every Create Auth Challenge takes. */
  readonly createMinDurationMs: CfnParameter;
  /** The cross-session limits, by trigger environment variable. */
  readonly limits: Readonly<Record<LimitVariable, CfnParameter>>;
  /** Token lifetimes of the app client. */
  readonly accessTokenMinutes: CfnParameter;
  readonly idTokenMinutes: CfnParameter;
  readonly refreshTokenDays: CfnParameter;
}

/** The limit settings the triggers read, each backed by one parameter. */
export type LimitVariable =
  'SEND_GAP_SECONDS' | 'SENDS_PER_15_MINUTES' | 'SENDS_PER_DAY' | 'FAILURES_PER_HOUR' | 'LOCK_SECONDS';

/** Logical ids of the parameters, as typed after `--parameters`. */
export const PARAMETER_NAMES = {
  senderEmail: 'SenderEmail',
  senderIdentity: 'SenderIdentity',
  codeLength: 'CodeLength',
  maxAttempts: 'MaxAttempts',
  codeLifetimeSeconds: 'CodeLifetimeSeconds',
  sessionValidityMinutes: 'SessionValidityMinutes',
  selfSignUp: 'SelfSignUp',
  passwordOnlySignIn: 'SignInWithoutCode',
  signInFactors: 'SignInFactors',
  appName: 'AppName',
  createMinDurationMs: 'CreateMinDurationMs',
  sendGapSeconds: 'SendGapSeconds',
  sendsPer15Minutes: 'SendsPer15Minutes',
  sendsPerDay: 'SendsPerDay',
  failuresPerHour: 'FailuresPerHour',
  lockSeconds: 'LockSeconds',
  accessTokenMinutes: 'AccessTokenMinutes',
  idTokenMinutes: 'IdTokenMinutes',
  refreshTokenDays: 'RefreshTokenDays',
} as const;

/** Declares the stack's parameters on `scope` (a stack). */
export function declareDeployParameters(scope: Construct): DeployParameters {
  const senderEmail = new CfnParameter(scope, PARAMETER_NAMES.senderEmail, {
    type: 'String',
    description:
      'The "from" address of the sign-in code emails. It must be a verified SES identity, or on a verified domain.',
    allowedPattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    constraintDescription: 'must be an email address such as no-reply@example.com',
  });
  const senderIdentityInput = new CfnParameter(scope, PARAMETER_NAMES.senderIdentity, {
    type: 'String',
    default: '',
    description:
      'The verified SES identity that covers SenderEmail: leave empty when the address itself is verified, or give its domain (example.com).',
    allowedPattern: '^$|^([^@\\s]+@)?[^@\\s]+\\.[^@\\s]+$',
    constraintDescription: 'must be empty, an email address or a domain name',
  });
  const codeLength = new CfnParameter(scope, PARAMETER_NAMES.codeLength, {
    type: 'Number',
    default: 6,
    minValue: 4,
    maxValue: 12,
    description: 'Digits per one-time code.',
  });
  const maxAttempts = new CfnParameter(scope, PARAMETER_NAMES.maxAttempts, {
    type: 'Number',
    default: 3,
    minValue: 1,
    maxValue: 10,
    description: 'Wrong codes allowed before the sign-in fails and must start again.',
  });
  const codeLifetimeSeconds = new CfnParameter(scope, PARAMETER_NAMES.codeLifetimeSeconds, {
    type: 'Number',
    default: 180,
    minValue: 10,
    // A code cannot outlive the sign-in session that carries it, and Cognito caps sessions at 15 minutes.
    maxValue: 900,
    description: 'Seconds a code stays valid (at most the session validity).',
  });
  const sessionValidityMinutes = new CfnParameter(scope, PARAMETER_NAMES.sessionValidityMinutes, {
    type: 'Number',
    default: 3,
    minValue: 3,
    maxValue: 15,
    description: 'Minutes a sign-in session stays open between the challenge and its answer (Cognito allows 3 to 15).',
  });
  const selfSignUp = new CfnParameter(scope, PARAMETER_NAMES.selfSignUp, {
    type: 'String',
    default: 'false',
    allowedValues: ['false', 'true'],
    description: 'Whether users may sign themselves up. By default only administrators create users.',
  });

  const passwordOnlySignIn = new CfnParameter(scope, PARAMETER_NAMES.passwordOnlySignIn, {
    type: 'String',
    default: 'false',
    allowedValues: ['false', 'true'],
    description:
      'Whether the app client also allows USER_SRP_AUTH, i.e. signing in with the password alone and no code. Leave false unless that is wanted: it bypasses the triggers.',
  });
  const signInFactors = new CfnParameter(scope, PARAMETER_NAMES.signInFactors, {
    type: 'String',
    default: 'per-user',
    allowedValues: ['per-user', 'code', 'password-and-code'],
    description:
      'What a sign-in needs: the code only, the password and then the code, or per user (custom:sign_in_factors = password-and-code, otherwise the code only).',
  });
  const appName = new CfnParameter(scope, PARAMETER_NAMES.appName, {
    type: 'String',
    default: '',
    maxLength: 60,
    description: 'The app named in code emails ("Your sign-in code for <AppName>"). Empty means "your account".',
  });
  const number = (name: string, fallback: number, min: number, max: number, description: string) =>
    new CfnParameter(scope, name, { type: 'Number', default: fallback, minValue: min, maxValue: max, description });
  const createMinDurationMs = number(
    PARAMETER_NAMES.createMinDurationMs,
    400,
    0,
    4000,
    'Least milliseconds every code request takes, so real, unknown, refused and failed sends answer alike. Keep it above the usual SES send time.',
  );
  const limits = {
    SEND_GAP_SECONDS: number(
      PARAMETER_NAMES.sendGapSeconds,
      30,
      0,
      3600,
      'Least seconds between two codes to one user.',
    ),
    SENDS_PER_15_MINUTES: number(PARAMETER_NAMES.sendsPer15Minutes, 5, 1, 1000, 'Codes per user in any 15 minutes.'),
    SENDS_PER_DAY: number(PARAMETER_NAMES.sendsPerDay, 20, 1, 10_000, 'Codes per user in any 24 hours.'),
    FAILURES_PER_HOUR: number(
      PARAMETER_NAMES.failuresPerHour,
      10,
      1,
      1000,
      'Wrong codes per user in any hour, across sign-ins; then the user is locked.',
    ),
    LOCK_SECONDS: number(
      PARAMETER_NAMES.lockSeconds,
      900,
      1,
      86_400,
      'Seconds of the first lock; each further lock within a day doubles, up to a day.',
    ),
  };
  const accessTokenMinutes = number(
    PARAMETER_NAMES.accessTokenMinutes,
    60,
    5,
    1440,
    'Minutes an access token is valid (Cognito allows 5 minutes to 1 day).',
  );
  const idTokenMinutes = number(
    PARAMETER_NAMES.idTokenMinutes,
    60,
    5,
    1440,
    'Minutes an ID token is valid (Cognito allows 5 minutes to 1 day).',
  );
  const refreshTokenDays = number(
    PARAMETER_NAMES.refreshTokenDays,
    30,
    1,
    3650,
    'Days a refresh token (and so a remembered sign-in) is valid (Cognito allows up to 10 years).',
  );

  const senderIdentityGiven = new CfnCondition(scope, 'SenderIdentityGiven', {
    expression: Fn.conditionNot(Fn.conditionEquals(senderIdentityInput.valueAsString, '')),
  });
  const selfSignUpEnabled = new CfnCondition(scope, 'SelfSignUpEnabled', {
    expression: Fn.conditionEquals(selfSignUp.valueAsString, 'true'),
  });
  const passwordOnlySignInEnabled = new CfnCondition(scope, 'SignInWithoutCodeEnabled', {
    expression: Fn.conditionEquals(passwordOnlySignIn.valueAsString, 'true'),
  });

  return {
    senderEmail,
    senderIdentity: Fn.conditionIf(
      senderIdentityGiven.logicalId,
      senderIdentityInput.valueAsString,
      senderEmail.valueAsString,
    ).toString(),
    codeLength,
    maxAttempts,
    codeLifetimeSeconds,
    sessionValidityMinutes,
    selfSignUpEnabled,
    passwordOnlySignInEnabled,
    signInFactors,
    appName,
    createMinDurationMs,
    limits,
    accessTokenMinutes,
    idTokenMinutes,
    refreshTokenDays,
  };
}
