import type { VerifyAuthChallengeResponseTriggerEvent } from 'aws-lambda';
import { createCognitoAddressVerifier, type AddressVerifier } from './address-verifier.ts';
import { limitIdentity } from './attempt-identity.ts';
import { signInLinksFromEnv } from './deployed-sign-in-links.ts';
import { attemptsFromConfig, type AttemptStore } from './attempt-store.ts';
import { isLinkAnswer } from './link-token.ts';
import { codesMatch } from './one-time-code.ts';
import { acceptLink, type SignInLinks } from './sign-in-links.ts';
import { TooManyAttemptsError } from './too-many-attempts.ts';
import { readTriggerConfig, type TriggerConfig, type TriggerEnv } from './trigger-config.ts';

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
  /** The cross-session limits for the settings of this invocation. */
  readonly attempts: (config: TriggerConfig) => AttemptStore;
  /** Where the settings are read from, at each invocation; defaults to `process.env`. */
  readonly env?: TriggerEnv;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
  /** Marks an address verified when the right code came back from it (Create's `provesAddress`). */
  readonly verifier?: AddressVerifier;
  /** Accepts sign-in links as answers (once each); without it a link answer is a wrong code. */
  readonly links?: SignInLinks;
}

/**
 * Builds a Verify Auth Challenge Response trigger around {@link isAnswerCorrect}. Every answer is counted
 * against the identity's hourly cap before it is compared; once the identity is locked, answers are refused
 * with {@link TooManyAttemptsError} without being compared, in this sign-in and every other.
 *
 * The right code for a challenge Create sent to a signed-up, unverified address proves that address: it is
 * marked verified before the answer is accepted, so the tokens of this very sign-in say `email_verified: true`.
 *
 * A link answer (a token, see link-token.ts) is counted the same way, and is correct when it is the user's
 * outstanding link, signed for this pool and client, unexpired and unused; accepting it marks it used. It is
 * accepted in any custom round, so the tab that asked for the code can answer its live challenge with it.
 */
export function createVerifyAuthChallengeResponseHandler(options: VerifyAuthChallengeResponseOptions) {
  const { now = Date.now } = options;
  return async (event: VerifyAuthChallengeResponseTriggerEvent): Promise<VerifyAuthChallengeResponseTriggerEvent> => {
    const config = readTriggerConfig(options.env ?? process.env);
    const attempts = options.attempts(config);
    const identity = limitIdentity(event);
    const verdict = await attempts.beforeAnswer(identity);
    if (!verdict.allowed) throw TooManyAttemptsError.until(verdict.retryAt, now());
    const answer: unknown = event.request.challengeAnswer;
    const links = options.links;
    const correct =
      links && isLinkAnswer(answer)
        ? event.request.userNotFound !== true &&
          (await acceptLink(
            links,
            answer,
            {
              identity,
              username: event.userName,
              userPoolId: event.userPoolId,
              clientId: event.callerContext.clientId,
            },
            now(),
            (id) => links.store(config).consume(identity, id),
          ))
        : isAnswerCorrect({
            answer,
            privateParameters: event.request.privateChallengeParameters,
            userNotFound: event.request.userNotFound === true,
            now: now(),
          });
    if (correct) {
      await attempts.afterCorrectAnswer(identity);
      if (event.request.privateChallengeParameters?.provesAddress === 'true') {
        if (!options.verifier) throw new Error('A code proved an address, but there is nothing to mark it verified');
        await options.verifier.markVerified(event.userPoolId, event.userName);
      }
    }
    event.response.answerCorrect = correct;
    return event;
  };
}

/**
 * The Lambda entry point: limits in `LIMITS_TABLE`, addresses marked verified through the function's own role,
 * and with `LINK_SIGNING_KEY_ID` set, link answers checked against that KMS key's public half.
 */
export const handler = createVerifyAuthChallengeResponseHandler({
  attempts: attemptsFromConfig(),
  verifier: createCognitoAddressVerifier(),
  links: signInLinksFromEnv(),
});
