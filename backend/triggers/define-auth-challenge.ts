import type { DefineAuthChallengeTriggerEvent } from 'aws-lambda';
import { type ChallengeHistoryEntry } from './challenge-history.ts';
import {
  SIGN_IN_FACTORS_ATTRIBUTE,
  readTriggerConfig,
  type SignInFactors,
  type SignInFactorsPolicy,
  type TriggerEnv,
} from './trigger-config.ts';

/** What the sign-in does next, as decided from the session history. */
export type NextStep =
  | { readonly kind: 'challenge'; readonly challengeName: 'PASSWORD_VERIFIER' | 'CUSTOM_CHALLENGE' }
  | { readonly kind: 'issue-tokens' }
  | { readonly kind: 'fail' };

const FAIL: NextStep = { kind: 'fail' };

/**
 * Decides the next step of a passwordless sign-in, with or without a password checked by SRP first.
 *
 * Accepted histories (anything else fails):
 * - `[]` → custom challenge; `[SRP_A✓]` → password verifier; `[SRP_A✓, PASSWORD_VERIFIER✓]` → custom challenge;
 * - then custom rounds: the latest answer correct → tokens; otherwise another round while fewer than
 *   `maxAttempts` answers were wrong, then fail.
 * When `factors` is `password-and-code`, a history that does not start with the password fails at once:
 * without this, a CUSTOM_AUTH call without SRP_A would sign in with the code alone.
 * A user Cognito could not find never gets tokens, but fails at the same point a real user with wrong answers would.
 */
export function decideNextStep(
  session: readonly ChallengeHistoryEntry[],
  options: { readonly maxAttempts: number; readonly userNotFound?: boolean; readonly factors?: SignInFactors },
): NextStep {
  let rounds = session;
  if (options.factors === 'password-and-code' && rounds[0]?.challengeName !== 'SRP_A') return FAIL;
  if (rounds[0]?.challengeName === 'SRP_A') {
    if (!rounds[0].challengeResult) return FAIL;
    if (rounds.length === 1) return { kind: 'challenge', challengeName: 'PASSWORD_VERIFIER' };
    const verifier = rounds[1]!;
    if (verifier.challengeName !== 'PASSWORD_VERIFIER' || !verifier.challengeResult) return FAIL;
    rounds = rounds.slice(2);
  }
  if (!rounds.every((entry) => entry.challengeName === 'CUSTOM_CHALLENGE')) return FAIL;

  const latest = rounds.at(-1);
  if (latest?.challengeResult) {
    // A correct answer ends the sign-in, so an earlier correct one means the history was tampered with.
    const earlierCorrect = rounds.slice(0, -1).some((entry) => entry.challengeResult);
    return earlierCorrect || options.userNotFound ? FAIL : { kind: 'issue-tokens' };
  }
  if (rounds.length >= options.maxAttempts) return FAIL;
  return { kind: 'challenge', challengeName: 'CUSTOM_CHALLENGE' };
}

/**
 * The factors one sign-in needs under the pool's policy. Under `per-user`, a user Cognito could not find
 * needs the code only: a caller who sends no password then gets the same code round as for a real
 * passwordless user (see docs/security.md for what `per-user` does reveal).
 */
export function requiredFactors(
  policy: SignInFactorsPolicy,
  userAttributes: Readonly<Record<string, string>> | undefined,
): SignInFactors {
  if (policy !== 'per-user') return policy;
  return userAttributes?.[SIGN_IN_FACTORS_ATTRIBUTE] === 'password-and-code' ? 'password-and-code' : 'code';
}

/** Options of {@link createDefineAuthChallengeHandler}. */
export interface DefineAuthChallengeOptions {
  /** Where `MAX_ATTEMPTS` and `SIGN_IN_FACTORS` are read from, at each invocation; defaults to `process.env`. */
  readonly env?: TriggerEnv;
}

/** Builds a Define Auth Challenge trigger that applies {@link decideNextStep} to Cognito's event. */
export function createDefineAuthChallengeHandler(options: DefineAuthChallengeOptions = {}) {
  return async (event: DefineAuthChallengeTriggerEvent): Promise<DefineAuthChallengeTriggerEvent> => {
    const { maxAttempts, signInFactors } = readTriggerConfig(options.env ?? process.env);
    const userNotFound = event.request.userNotFound === true;
    const step = decideNextStep(event.request.session ?? [], {
      maxAttempts,
      userNotFound,
      factors: requiredFactors(signInFactors, userNotFound ? undefined : event.request.userAttributes),
    });
    event.response.issueTokens = step.kind === 'issue-tokens';
    event.response.failAuthentication = step.kind === 'fail';
    if (step.kind === 'challenge') event.response.challengeName = step.challengeName;
    return event;
  };
}

/** The Lambda entry point: Define Auth Challenge configured from the function's environment. */
export const handler = createDefineAuthChallengeHandler();
