import { limitIdentity } from '../triggers/attempt-identity.ts';
import type { AttemptVerdict } from '../triggers/attempt-policy.ts';
import type { AttemptStore } from '../triggers/attempt-store.ts';
import { TooManyAttemptsError } from '../triggers/too-many-attempts.ts';
import { notAuthorized } from './cognito-error.ts';
import type { PoolUser } from './user-store.ts';

/** Who is signing in: the user, or for a name the pool does not know, only what was typed. */
export interface SignInSubject {
  readonly user: PoolUser | undefined;
  readonly typedName: string;
}

/**
 * The cross-session limits of `USER_AUTH` sign-ins: the attempt store the custom flow's triggers use, counted
 * against the same identity, so a person has one allowance of codes and wrong answers whatever the flow.
 * Refusals throw `NotAuthorizedException`.
 */
export interface SignInLimits {
  /** Counts a code about to be sent. */
  beforeSend(subject: SignInSubject): Promise<void>;
  /** Counts an answer as wrong before it is checked (a correct one takes that back). */
  beforeAnswer(subject: SignInSubject): Promise<void>;
  afterCorrectAnswer(subject: SignInSubject): Promise<void>;
}

export function createSignInLimits(attempts: AttemptStore, now: () => number = Date.now): SignInLimits {
  const identity = ({ user, typedName }: SignInSubject) =>
    limitIdentity({
      userName: user?.username ?? typedName,
      request: { userAttributes: user?.attributes, userNotFound: !user },
    });

  function refuseUnlessAllowed(verdict: AttemptVerdict) {
    if (verdict.allowed) return;
    // Not LimitExceededException or TooManyRequestsException: the AWS SDK and Amplify retry those as throttling,
    // and a retry would meet a spent session. Cognito refuses a locked-out password with NotAuthorizedException
    // too. The message carries the limiter's marker and wait, as the custom flow's refusals do.
    const { message } = TooManyAttemptsError.until(verdict.retryAt, now());
    throw notAuthorized(`Attempt limit exceeded, please try after some time. ${message}`);
  }

  return {
    beforeSend: async (subject) => refuseUnlessAllowed(await attempts.beforeSend(identity(subject))),
    beforeAnswer: async (subject) => refuseUnlessAllowed(await attempts.beforeAnswer(identity(subject))),
    afterCorrectAnswer: (subject) => attempts.afterCorrectAnswer(identity(subject)),
  };
}
