/**
 * The refusal the limiter throws from a trigger. Cognito turns any error a trigger throws into
 * `UserLambdaValidationException` with the message "<Trigger> failed with error <message>.", and that is all a
 * client sees; so the message carries a fixed marker and the wait, which the element recognises wherever it
 * appears: `TooManyAttempts retryAfterSeconds=840`.
 */
export const TOO_MANY_ATTEMPTS_MARKER = 'TooManyAttempts';

/** Thrown when the limits refuse a send or an answer. */
export class TooManyAttemptsError extends Error {
  constructor(
    /** Whole seconds until the identity may try again (at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super(`${TOO_MANY_ATTEMPTS_MARKER} retryAfterSeconds=${retryAfterSeconds}`);
    this.name = 'TooManyAttemptsError';
  }

  /** The refusal for a verdict's `retryAt`, seen at `now` (both epoch milliseconds). */
  static until(retryAt: number, now: number): TooManyAttemptsError {
    return new TooManyAttemptsError(Math.max(1, Math.ceil((retryAt - now) / 1000)));
  }
}
