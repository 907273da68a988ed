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
}

/** Logical ids of the parameters, as typed after `--parameters`. */
export const PARAMETER_NAMES = {
  senderEmail: 'SenderEmail',
  senderIdentity: 'SenderIdentity',
  codeLength: 'CodeLength',
  maxAttempts: 'MaxAttempts',
  codeLifetimeSeconds: 'CodeLifetimeSeconds',
  sessionValidityMinutes: 'SessionValidityMinutes',
  selfSignUp: 'SelfSignUp',
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

  const senderIdentityGiven = new CfnCondition(scope, 'SenderIdentityGiven', {
    expression: Fn.conditionNot(Fn.conditionEquals(senderIdentityInput.valueAsString, '')),
  });
  const selfSignUpEnabled = new CfnCondition(scope, 'SelfSignUpEnabled', {
    expression: Fn.conditionEquals(selfSignUp.valueAsString, 'true'),
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
  };
}
