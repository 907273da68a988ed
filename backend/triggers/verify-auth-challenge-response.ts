import type { VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import { codesMatch } from './one-time-code.ts';

/** What {@link isAnswerCorrect} needs to know about the challenge being answered. */
export interface AnswerCheck {
  /** Whatever the client sent; may be empty, huge, or not a string at all. */
  readonly answer: unknown;
  /** The private challenge parameters Create issued (`code`, `expiresAt`). */
  readonly privateParameters: Readonly<Record<string, string>> | undefined;
  readonly userNotFound: boolean;
  /** Epoch milliseconds. */
  readonly now: number;
}

/**
 * Accepts the answer when it equals the issued code, the code has not expired and the user exists.
 * Surrounding whitespace is ignored (pasted codes often carry it); nothing else is normalised.
 * Never throws: odd input is simply a wrong answer.
 */
export function isAnswerCorrect({ answer, privateParameters, userNotFound, now }: AnswerCheck): boolean {
  const expected = privateParameters?.code ?? '';
  const expiresAt = Number(privateParameters?.expiresAt);
  const given = typeof answer === 'string' ? answer.trim() : '';
  // Compared even when the outcome is already known, so unknown users and expired codes take the same time.
  const matches = codesMatch(given, expected);
  const fresh = Number.isFinite(expiresAt) && now <= expiresAt;
  return matches && fresh && !userNotFound;
}

/** Options of {@link createVerifyAuthChallengeResponseHandler}. */
export interface VerifyAuthChallengeResponseOptions {
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

/** Builds a Verify Auth Challenge Response trigger around {@link isAnswerCorrect}. */
export function createVerifyAuthChallengeResponseHandler(options: VerifyAuthChallengeResponseOptions = {}) {
  const { now = Date.now } = options;
  return async (event: VerifyAuthChallengeResponseTriggerEvent): Promise<VerifyAuthChallengeResponseTriggerEvent> => {
    event.response.answerCorrect = isAnswerCorrect({
      answer: event.request.challengeAnswer,
      privateParameters: event.request.privateChallengeParameters,
      userNotFound: event.request.userNotFound === true,
      now: now(),
    });
    return event;
  };
}

/** The Lambda entry point. */
export const handler = createVerifyAuthChallengeResponseHandler();
