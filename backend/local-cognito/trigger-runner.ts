import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  PreSignUpTriggerEvent,
  PreAuthenticationTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import type { ChallengeHistoryEntry } from '../triggers/challenge-history.ts';
import {
  createAuthChallengeEvent,
  defineAuthChallengeEvent,
  preSignUpEvent,
  preAuthenticationEvent,
  verifyAuthChallengeResponseEvent,
  type SignUpContext,
  type TriggerContext,
} from '../triggers/trigger-events.ts';
import { CognitoError, MESSAGES } from './cognito-error.ts';
import { isJsonObject } from './request-input.ts';

/** An auth-challenge trigger as the local endpoint calls it: the async form of a Lambda handler. */
export type TriggerHandler<E> = (event: E) => Promise<E | undefined | void>;

/** The three triggers of the custom authentication flow, and Pre Sign-up when the pool has one. */
export interface AuthTriggers {
  readonly define: TriggerHandler<DefineAuthChallengeTriggerEvent>;
  readonly create: TriggerHandler<CreateAuthChallengeTriggerEvent>;
  readonly verify: TriggerHandler<VerifyAuthChallengeResponseTriggerEvent>;
  /** Runs at InitiateAuth, before Define, with the call's ClientMetadata; optional, as in a pool. */
  readonly preAuthentication?: TriggerHandler<PreAuthenticationTriggerEvent>;
  readonly preSignUp?: TriggerHandler<PreSignUpTriggerEvent> | undefined;
}

/** Pre Sign-up's verdict on a sign-up it let through. */
export interface PreSignUpResult {
  readonly autoConfirmUser: boolean;
  readonly autoVerifyEmail: boolean;
}

/** Define's verdict. */
export interface DefineResult {
  readonly challengeName: string | undefined;
  readonly issueTokens: boolean;
  readonly failAuthentication: boolean;
}

/** Create's challenge. */
export interface CreateResult {
  readonly publicChallengeParameters: Record<string, string>;
  readonly privateChallengeParameters: Record<string, string>;
  readonly challengeMetadata: string | undefined;
}

/** Runs the triggers with Cognito-shaped events and holds their answers to what Cognito accepts. */
export interface TriggerRunner {
  define(context: TriggerContext, session: readonly ChallengeHistoryEntry[]): Promise<DefineResult>;
  create(context: TriggerContext, session: readonly ChallengeHistoryEntry[]): Promise<CreateResult>;
  verify(context: TriggerContext, privateParameters: Record<string, string>, answer: string): Promise<boolean>;
  /** Without a Pre Sign-up trigger, a sign-up is neither confirmed nor verified. */
  preSignUp(context: SignUpContext): Promise<PreSignUpResult>;
  /** Pre authentication, when the pool has one; its error refuses the sign-in. */
  preAuthenticate(context: TriggerContext, validationData: Record<string, string> | undefined): Promise<void>;
}

const nonsense = () => new CognitoError('InvalidLambdaResponseException', MESSAGES.unrecognizableLambdaOutput);

/**
 * Wraps the triggers. A trigger that throws becomes `UserLambdaValidationException` ("<Trigger> failed with
 * error <message>."), one whose answer has the wrong shape `InvalidLambdaResponseException`, as in Cognito.
 */
export function createTriggerRunner(triggers: AuthTriggers, log: (line: string) => void): TriggerRunner {
  async function invoke<E extends { response: object }>(name: string, handler: TriggerHandler<E>, event: E) {
    let result: E | undefined | void;
    try {
      result = await handler(event);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${name} trigger failed: ${message}`);
      throw new CognitoError('UserLambdaValidationException', `${name} failed with error ${message}.`);
    }
    // Cognito reads the returned event; a handler that returns nothing has no answer.
    if (!isJsonObject(result) || !isJsonObject(result.response)) throw nonsense();
    return result.response as Record<string, unknown>;
  }

  return {
    async define(context, session) {
      const response = await invoke('DefineAuthChallenge', triggers.define, defineAuthChallengeEvent(context, session));
      const { challengeName, issueTokens = false, failAuthentication = false } = response;
      if (typeof issueTokens !== 'boolean' || typeof failAuthentication !== 'boolean') throw nonsense();
      if (challengeName !== undefined && challengeName !== null && typeof challengeName !== 'string') throw nonsense();
      return { challengeName: challengeName ?? undefined, issueTokens, failAuthentication };
    },

    async create(context, session) {
      const response = await invoke('CreateAuthChallenge', triggers.create, createAuthChallengeEvent(context, session));
      const { publicChallengeParameters = {}, privateChallengeParameters = {}, challengeMetadata } = response;
      if (!isStringMap(publicChallengeParameters) || !isStringMap(privateChallengeParameters)) throw nonsense();
      if (challengeMetadata !== undefined && challengeMetadata !== null && typeof challengeMetadata !== 'string')
        throw nonsense();
      return {
        publicChallengeParameters,
        privateChallengeParameters,
        challengeMetadata: challengeMetadata || undefined,
      };
    },

    async verify(context, privateParameters, answer) {
      const event = verifyAuthChallengeResponseEvent(context, privateParameters, answer);
      const { answerCorrect } = await invoke('VerifyAuthChallengeResponse', triggers.verify, event);
      if (typeof answerCorrect !== 'boolean') throw nonsense();
      return answerCorrect;
    },

    async preSignUp(context) {
      if (!triggers.preSignUp) return { autoConfirmUser: false, autoVerifyEmail: false };
      const response = await invoke('PreSignUp', triggers.preSignUp, preSignUpEvent(context));
      const { autoConfirmUser = false, autoVerifyEmail = false } = response;
      if (typeof autoConfirmUser !== 'boolean' || typeof autoVerifyEmail !== 'boolean') throw nonsense();
      return { autoConfirmUser, autoVerifyEmail };
    },
    async preAuthenticate(context, validationData) {
      if (!triggers.preAuthentication) return;
      await invoke('PreAuthentication', triggers.preAuthentication, preAuthenticationEvent(context, validationData));
    },
  };
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isJsonObject(value) && Object.values(value).every((entry) => typeof entry === 'string');
}
