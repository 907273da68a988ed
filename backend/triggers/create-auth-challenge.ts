import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { limitIdentity } from './attempt-identity.ts';
import { attemptsFromConfig, type AttemptStore } from './attempt-store.ts';
import { customRounds, failedCustomAnswers, latestCustomMetadata } from './challenge-history.ts';
import type { CodeSender } from './code-sender.ts';
import { decoyDestination, maskEmail } from './mask-destination.ts';
import {
  formatCodeMetadata,
  generateCode,
  parseCodeMetadata,
  type DigitSource,
  type IssuedCode,
} from './one-time-code.ts';
import { signInLinksFromEnv } from './deployed-sign-in-links.ts';
import { createSesCodeSender } from './ses-code-sender.ts';
import { issueLink, LINK_ONLY_METADATA, type SignInLinks } from './sign-in-links.ts';
import { TooManyAttemptsError } from './too-many-attempts.ts';
import { readTriggerConfig, type TriggerConfig, type TriggerEnv } from './trigger-config.ts';

/** Options of {@link createCreateAuthChallengeHandler}. */
export interface CreateAuthChallengeOptions {
  /** Delivers new codes; not called on retry rounds while the code is still valid, nor for unknown users. */
  readonly sender: CodeSender;
  /** The cross-session limits for the settings of this invocation (the table and limits come from the config). */
  readonly attempts: (config: TriggerConfig) => AttemptStore;
  /** Clock in epoch milliseconds, for code expiry; defaults to `Date.now`. */
  readonly now?: () => number;
  /** Where the settings are read from, at each invocation; defaults to `process.env`. */
  readonly env?: TriggerEnv;
  /** Digit generator; defaults to `crypto.randomInt`. Only tests replace it. */
  readonly nextDigit?: DigitSource;
  /** Waits the given milliseconds to fill up the minimum duration; defaults to a real timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Where failed or skipped sends are reported (never with the code); defaults to `console.warn`. */
  readonly log?: (line: string) => void;
  /** Signs and records sign-in links, emailed beside the code; without it, codes only. */
  readonly links?: SignInLinks;
}

/**
 * Builds a Create Auth Challenge trigger that emails a one-time code.
 *
 * The first custom round draws a code and sends it; later rounds (after a wrong answer) find the same code in
 * the session's `challengeMetadata` and reuse it without sending again, unless it has expired by then. The code
 * travels only in the private parameters and the metadata, neither of which reaches the client.
 *
 * Every new code is first counted by the cross-session limits; a refused one throws
 * {@link TooManyAttemptsError}, which Cognito hands the client as `UserLambdaValidationException`.
 *
 * Codes go to verified addresses only, with one exception: an account signed up through Pre Sign-up, whose
 * address the first code proves (the private parameter `provesAddress` tells Verify so).
 *
 * Nothing in the answer tells whether the account exists: a user Cognito could not find, a user whose address
 * is not verified (nothing is sent to it) and a user whose send failed (logged here, without the code) get the
 * same public parameters as a real send, the destination masked from the lower-cased address or typed name,
 * and every invocation lasts at least `CREATE_MIN_DURATION_MS`, so timing does not tell either.
 *
 * With `links`, the email also carries a sign-in link to the app client's page (see link-config.ts), and a
 * sign-in that Pre authentication found started by such a link gets a round that waits for the link and sends
 * nothing (its retry rounds too).
 */
export function createCreateAuthChallengeHandler(options: CreateAuthChallengeOptions) {
  const { sender, now = Date.now, nextDigit, sleep = delay, log = (line: string) => console.warn(line) } = options;
  return async (event: CreateAuthChallengeTriggerEvent): Promise<CreateAuthChallengeTriggerEvent> => {
    // A monotonic clock: the floor must hold even if the wall clock steps.
    const started = performance.now();
    let floorMs = 0;
    try {
      const { request } = event;
      if (request.challengeName !== 'CUSTOM_CHALLENGE') {
        throw new Error(`Create Auth Challenge only creates CUSTOM_CHALLENGE, not ${request.challengeName}`);
      }
      const config = readTriggerConfig(options.env ?? process.env);
      floorMs = config.createMinDurationMs;
      const userNotFound = request.userNotFound === true;
      const email = request.userAttributes?.email;
      if (!userNotFound && !email) throw new Error('The user has no email address to send a code to');

      const store = options.attempts(config);
      const verified = request.userAttributes?.email_verified === 'true';
      // The one exception to "verified addresses only": an account someone signed up for with this address. Its
      // code proves the address (Verify then marks it verified); whoever cannot read that mailbox gets nothing.
      const provesAddress = !userNotFound && !verified && (await store.wasSignedUp(email!));
      const session = request.session ?? [];
      if (await startedByLink(event, config)) {
        event.response.publicChallengeParameters = {
          deliveryMedium: 'LINK',
          attemptsLeft: String(Math.max(0, config.maxAttempts - failedCustomAnswers(session))),
        };
        event.response.privateChallengeParameters = { linkOnly: 'true' };
        event.response.challengeMetadata = LINK_ONLY_METADATA;
        return event;
      }
      const previous = parseCodeMetadata(latestCustomMetadata(session));
      const reused = previous && previous.expiresAt > now() ? previous : undefined;
      let issued: IssuedCode;
      if (reused) issued = reused;
      else {
        const verdict = await store.beforeSend(limitIdentity(event));
        if (!verdict.allowed) throw TooManyAttemptsError.until(verdict.retryAt, now());
        issued = {
          code: generateCode(config.codeLength, nextDigit),
          expiresAt: now() + config.codeLifetimeSeconds * 1000,
        };
        if (verified || provesAddress) await deliver(event, email!, issued, config);
        else if (!userNotFound) log(`code not sent for user ${event.userName}: the address is not verified`);
      }
      const { code, expiresAt } = issued;

      event.response.publicChallengeParameters = {
        deliveryMedium: 'EMAIL',
        destination: userNotFound
          ? decoyDestination(event.userName.trim().toLowerCase())
          : (maskEmail(email!.toLowerCase()) ?? decoyDestination(email!.toLowerCase())),
        codeLength: String(code.length),
        attemptsLeft: String(Math.max(0, config.maxAttempts - failedCustomAnswers(session))),
        expiresAt: String(expiresAt),
      };
      event.response.privateChallengeParameters = {
        code,
        expiresAt: String(expiresAt),
        ...(provesAddress ? { provesAddress: 'true' } : {}),
      };
      event.response.challengeMetadata = formatCodeMetadata(issued);
      return event;
    } finally {
      const remaining = started + floorMs - performance.now();
      if (remaining > 0) await sleep(Math.ceil(remaining));
    }
  };

  /** A link-only round: a retry of one, or the first round of a sign-in whose link Pre authentication claimed. */
  async function startedByLink(event: CreateAuthChallengeTriggerEvent, config: TriggerConfig): Promise<boolean> {
    const session = event.request.session ?? [];
    if (latestCustomMetadata(session) === LINK_ONLY_METADATA) return true;
    if (!options.links || customRounds(session).length > 0 || event.request.userNotFound === true) return false;
    return options.links.store(config).takeClaim(limitIdentity(event));
  }

  /** Sends the code; a failure is logged and otherwise looks like a send. */
  async function deliver(
    event: CreateAuthChallengeTriggerEvent,
    to: string,
    issued: IssuedCode,
    config: TriggerConfig,
  ) {
    try {
      const link = await linkFor(event, config);
      await sender.send({
        to,
        username: event.userName,
        ...issued,
        appName: config.appName,
        ...(link ? { link } : {}),
      });
    } catch (error) {
      log(`code email for user ${event.userName} failed (${reasonOf(error)})`);
    }
  }

  /**
   * The link for this email, if links are on and the client has a page. A link that cannot be issued (KMS or the
   * table not answering) leaves the email with its code alone, logged: the user can still sign in.
   */
  async function linkFor(event: CreateAuthChallengeTriggerEvent, config: TriggerConfig) {
    if (!options.links) return undefined;
    try {
      return await issueLink(
        options.links,
        config,
        options.env ?? process.env,
        {
          identity: limitIdentity(event),
          username: event.userName,
          userPoolId: event.userPoolId,
          clientId: event.callerContext.clientId,
        },
        now(),
      );
    } catch (error) {
      log(`sign-in link for user ${event.userName} not issued, the code goes alone (${reasonOf(error)})`);
      return undefined;
    }
  }
}

// SES names the recipient in some messages (unverified identities); the log keeps the reason, not the address.
function reasonOf(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(
    /[^\s@<>()]+@[^\s@<>()]+/g,
    '<address>',
  );
}

/**
 * The Lambda entry point: codes emailed through SES from `SENDER_EMAIL`, limits in `LIMITS_TABLE`, and with
 * `LINK_SIGNING_KEY_ID` set, links to the `LINK_PAGES` signed by that KMS key.
 */
export const handler = createCreateAuthChallengeHandler({
  sender: createSesCodeSender({ senderEmail: process.env.SENDER_EMAIL?.trim() || undefined }),
  attempts: attemptsFromConfig(),
  links: signInLinksFromEnv(),
});
