import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { failedCustomAnswers, latestCustomMetadata } from './challenge-history.ts';
import type { CodeSender } from './code-sender.ts';
import { decoyDestination, maskEmail } from './mask-destination.ts';
import {
  formatCodeMetadata,
  generateCode,
  parseCodeMetadata,
  type DigitSource,
  type IssuedCode,
} from './one-time-code.ts';
import { createSesCodeSender } from './ses-code-sender.ts';
import { readTriggerConfig, type TriggerEnv } from './trigger-config.ts';

/** Options of {@link createCreateAuthChallengeHandler}. */
export interface CreateAuthChallengeOptions {
  /** Delivers new codes; not called on retry rounds while the code is still valid, nor for unknown users. */
  readonly sender: CodeSender;
  /** Clock in epoch milliseconds, for code expiry and for timing sends; defaults to `Date.now`. */
  readonly now?: () => number;
  /** Where the settings are read from, at each invocation; defaults to `process.env`. */
  readonly env?: TriggerEnv;
  /** Digit generator; defaults to `crypto.randomInt`. Only tests replace it. */
  readonly nextDigit?: DigitSource;
  /** Waits the given milliseconds on a decoy round; defaults to a real timer. Only tests replace it. */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * What a decoy round waits for while this handler has not yet timed a real send, in milliseconds;
   * defaults to {@link DEFAULT_SEND_ESTIMATE_MS}.
   */
  readonly initialSendEstimateMs?: number;
}

/** A typical SES SendEmail call from Lambda: the decoy wait until real sends have been timed. */
export const DEFAULT_SEND_ESTIMATE_MS = 150;

/** How many recent send durations the estimate is the median of: enough to shrug off one slow call. */
const SEND_SAMPLES = 20;

/**
 * How long sends take, as the median of the last {@link SEND_SAMPLES} successful ones, so a decoy round can
 * wait about as long as a real one. Kept per handler instance: a warm Lambda learns its own SES latency.
 */
function createSendTimings(initialEstimateMs: number, now: () => number) {
  const durations: number[] = [];
  return {
    /** Runs a send and records how long it took; a failed send is not recorded, decoys imitate success. */
    async time(send: () => Promise<void>): Promise<void> {
      // The epoch clock is precise enough here: a clock step during a send skews one sample of a median.
      const started = now();
      await send();
      durations.push(Math.max(0, now() - started));
      if (durations.length > SEND_SAMPLES) durations.shift();
    },
    /** The estimate plus up to ±10% jitter, so decoy waits are not all the same length. */
    decoyWaitMs(): number {
      const estimate = Math.round(durations.length === 0 ? initialEstimateMs : median(durations));
      const spread = Math.ceil(estimate / 10);
      return Math.max(0, estimate + randomInt(-spread, spread + 1));
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Builds a Create Auth Challenge trigger that emails a one-time code.
 *
 * The first custom round draws a code and sends it; later rounds (after a wrong answer) find the same code in
 * the session's `challengeMetadata` and reuse it without sending again, unless it has expired by then: a
 * retry round never asks for a code that can no longer be accepted. The code travels only in the private
 * parameters and the metadata, neither of which reaches the client. For a user Cognito could not find
 * (`userNotFound`), the public parameters have the same shape and a plausible masked destination, but nothing
 * is sent; instead the round waits about as long as recent real sends took, so neither the answer nor its
 * timing tells the client whether the account exists. Retry rounds that reuse a code neither send nor wait,
 * for either kind of user.
 */
export function createCreateAuthChallengeHandler(options: CreateAuthChallengeOptions) {
  const {
    sender,
    now = Date.now,
    nextDigit,
    sleep = delay,
    initialSendEstimateMs = DEFAULT_SEND_ESTIMATE_MS,
  } = options;
  if (!(Number.isFinite(initialSendEstimateMs) && initialSendEstimateMs >= 0)) {
    throw new RangeError(`initialSendEstimateMs must be a number of milliseconds >= 0, got ${initialSendEstimateMs}`);
  }
  const timings = createSendTimings(initialSendEstimateMs, now);
  return async (event: CreateAuthChallengeTriggerEvent): Promise<CreateAuthChallengeTriggerEvent> => {
    const { request } = event;
    if (request.challengeName !== 'CUSTOM_CHALLENGE') {
      throw new Error(`Create Auth Challenge only creates CUSTOM_CHALLENGE, not ${request.challengeName}`);
    }
    const config = readTriggerConfig(options.env ?? process.env);
    const userNotFound = request.userNotFound === true;
    const email = request.userAttributes?.email;
    if (!userNotFound && !email) throw new Error('The user has no email address to send a code to');

    const session = request.session ?? [];
    const previous = parseCodeMetadata(latestCustomMetadata(session));
    const reused = previous && previous.expiresAt > now() ? previous : undefined;
    const issued: IssuedCode = reused ?? {
      code: generateCode(config.codeLength, nextDigit),
      expiresAt: now() + config.codeLifetimeSeconds * 1000,
    };
    const { code, expiresAt } = issued;
    if (!reused) {
      if (userNotFound) await sleep(timings.decoyWaitMs());
      else await timings.time(() => sender.send({ to: email!, username: event.userName, code, expiresAt }));
    }

    const destination = userNotFound
      ? decoyDestination(event.userName)
      : (maskEmail(email!) ?? decoyDestination(email!));
    event.response.publicChallengeParameters = {
      deliveryMedium: 'EMAIL',
      destination,
      codeLength: String(code.length),
      attemptsLeft: String(Math.max(0, config.maxAttempts - failedCustomAnswers(session))),
      expiresAt: String(expiresAt),
    };
    event.response.privateChallengeParameters = { code, expiresAt: String(expiresAt) };
    event.response.challengeMetadata = formatCodeMetadata(issued);
    return event;
  };
}

/** The Lambda entry point: codes emailed through SES from `SENDER_EMAIL`. */
export const handler = createCreateAuthChallengeHandler({
  sender: createSesCodeSender({ senderEmail: process.env.SENDER_EMAIL?.trim() || undefined }),
});
