import type { CreateAuthChallengeTriggerEvent } from 'aws-lambda';
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
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
  /** Where the settings are read from, at each invocation; defaults to `process.env`. */
  readonly env?: TriggerEnv;
  /** Digit generator; defaults to `crypto.randomInt`. Only tests replace it. */
  readonly nextDigit?: DigitSource;
}

/**
 * Builds a Create Auth Challenge trigger that emails a one-time code.
 *
 * The first custom round draws a code and sends it; later rounds (after a wrong answer) find the same code in
 * the session's `challengeMetadata` and reuse it without sending again, unless it has expired by then: a
 * retry round never asks for a code that can no longer be accepted. The code travels only in the private
 * parameters and the metadata, neither of which reaches the client. For a user Cognito could not find
 * (`userNotFound`), the public parameters have the same shape and a plausible masked destination, but nothing
 * is sent, so the client cannot tell the two apart.
 */
export function createCreateAuthChallengeHandler(options: CreateAuthChallengeOptions) {
  const { sender, now = Date.now, nextDigit } = options;
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
    if (!reused && !userNotFound) {
      await sender.send({ to: email!, username: event.userName, code: issued.code, expiresAt: issued.expiresAt });
    }

    const destination = userNotFound
      ? decoyDestination(event.userName)
      : (maskEmail(email!) ?? decoyDestination(email!));
    event.response.publicChallengeParameters = {
      deliveryMedium: 'EMAIL',
      destination,
      codeLength: String(issued.code.length),
      attemptsLeft: String(Math.max(0, config.maxAttempts - failedCustomAnswers(session))),
      expiresAt: String(issued.expiresAt),
    };
    event.response.privateChallengeParameters = { code: issued.code, expiresAt: String(issued.expiresAt) };
    event.response.challengeMetadata = formatCodeMetadata(issued);
    return event;
  };
}

/** The Lambda entry point: codes emailed through SES from `SENDER_EMAIL`. */
export const handler = createCreateAuthChallengeHandler({
  sender: createSesCodeSender({ senderEmail: process.env.SENDER_EMAIL?.trim() || undefined }),
});
