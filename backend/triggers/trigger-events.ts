import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PreSignUpTriggerEvent,
  PreAuthenticationTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import type { ChallengeHistoryEntry } from './challenge-history.ts';

/** What every auth-challenge trigger event says about the sign-in it belongs to. */
export interface TriggerContext {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The username as Cognito knows it (or as typed, for a user that does not exist). */
  readonly userName: string;
  readonly userAttributes: Readonly<Record<string, string>>;
  readonly userNotFound: boolean;
  readonly clientMetadata?: Readonly<Record<string, string>> | undefined;
}

function common<T extends string>(context: TriggerContext, triggerSource: T) {
  return {
    version: '1',
    // Pool ids are `<region>_<name>`.
    region: context.userPoolId.split('_')[0] ?? '',
    userPoolId: context.userPoolId,
    userName: context.userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: context.clientId },
    triggerSource,
  };
}

function requestBase(context: TriggerContext) {
  return {
    userAttributes: { ...context.userAttributes },
    ...(context.userNotFound ? { userNotFound: true } : {}),
    ...(context.clientMetadata ? { clientMetadata: { ...context.clientMetadata } } : {}),
  };
}

/** A Define Auth Challenge event shaped as Cognito sends it. */
export function defineAuthChallengeEvent(
  context: TriggerContext,
  session: readonly ChallengeHistoryEntry[],
): DefineAuthChallengeTriggerEvent {
  return {
    ...common(context, 'DefineAuthChallenge_Authentication'),
    request: { ...requestBase(context), session: session.map((entry) => ({ ...entry })) },
    response: { issueTokens: false, failAuthentication: false },
  };
}

/** A Create Auth Challenge event shaped as Cognito sends it. */
export function createAuthChallengeEvent(
  context: TriggerContext,
  session: readonly ChallengeHistoryEntry[],
  challengeName = 'CUSTOM_CHALLENGE',
): CreateAuthChallengeTriggerEvent {
  return {
    ...common(context, 'CreateAuthChallenge_Authentication'),
    request: { ...requestBase(context), challengeName, session: session.map((entry) => ({ ...entry })) },
    response: { publicChallengeParameters: {}, privateChallengeParameters: {}, challengeMetadata: '' },
  };
}

/** A Verify Auth Challenge Response event shaped as Cognito sends it. */
export function verifyAuthChallengeResponseEvent(
  context: TriggerContext,
  privateChallengeParameters: Readonly<Record<string, string>>,
  challengeAnswer: string,
): VerifyAuthChallengeResponseTriggerEvent {
  return {
    ...common(context, 'VerifyAuthChallengeResponse_Authentication'),
    request: {
      ...requestBase(context),
      privateChallengeParameters: { ...privateChallengeParameters },
      challengeAnswer,
    },
    response: { answerCorrect: false },
  };
}

/** What a Pre Sign-up event says about the sign-up it belongs to. */
export interface SignUpContext {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The username the pool drew for the new user (a UUID in a pool that signs in with email). */
  readonly userName: string;
  /** The attributes the client sent, with `email` from the username. */
  readonly userAttributes: Readonly<Record<string, string>>;
  readonly validationData?: Readonly<Record<string, string>> | undefined;
  readonly clientMetadata?: Readonly<Record<string, string>> | undefined;
}

/** A Pre Sign-up event for a user signing themselves up (`PreSignUp_SignUp`), shaped as Cognito sends it. */
export function preSignUpEvent(context: SignUpContext): PreSignUpTriggerEvent {
  return {
    ...common({ ...context, userNotFound: false }, 'PreSignUp_SignUp'),
    request: {
      userAttributes: { ...context.userAttributes },
      ...(context.validationData ? { validationData: { ...context.validationData } } : {}),
      ...(context.clientMetadata ? { clientMetadata: { ...context.clientMetadata } } : {}),
    },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  };
}

/**
 * A Pre authentication event shaped as Cognito sends it at InitiateAuth: the ClientMetadata of that call
 * arrives as `validationData` (it reaches no other trigger of the custom flow's first step).
 */
export function preAuthenticationEvent(
  context: Omit<TriggerContext, 'clientMetadata'>,
  validationData: Readonly<Record<string, string>> | undefined,
): PreAuthenticationTriggerEvent {
  return {
    ...common(context, 'PreAuthentication_Authentication'),
    request: {
      userAttributes: { ...context.userAttributes },
      ...(context.userNotFound ? { userNotFound: true } : {}),
      ...(validationData ? { validationData: { ...validationData } } : {}),
    },
    response: {},
  };
}
