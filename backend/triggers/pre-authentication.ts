import type { PreAuthenticationTriggerEvent } from 'aws-lambda';
import { limitIdentity } from './attempt-identity.ts';
import { signInLinksFromEnv } from './deployed-sign-in-links.ts';
import { acceptLink, LINK_REJECTED_MARKER, type SignInLinks } from './sign-in-links.ts';
import { readTriggerConfig, type TriggerEnv } from './trigger-config.ts';

/** Options of {@link createPreAuthenticationHandler}. */
export interface PreAuthenticationOptions {
  /** Checks and claims link tokens; without it, every sign-in that starts with a token is refused. */
  readonly links: SignInLinks | undefined;
  /** Where the settings are read from, at each invocation; defaults to `process.env`. */
  readonly env?: TriggerEnv;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

/** The ClientMetadata key a sign-in started by a link carries its token under. */
export const LINK_METADATA_KEY = 'signInLink';

/**
 * Builds the Pre authentication trigger of sign-ins started by a link (on another device, in another tab, or
 * after the tab's Cognito session has expired). It is the only trigger that sees the ClientMetadata of
 * InitiateAuth: when that carries a link token, the token must be the user's outstanding, unused link, and the
 * trigger claims it so that the Create call that follows asks for the link instead of emailing a new code.
 * A token that is not such a link refuses the sign-in with {@link LINK_REJECTED_MARKER}, before anything is sent.
 * Sign-ins without a token pass untouched.
 */
export function createPreAuthenticationHandler(options: PreAuthenticationOptions) {
  const { links, now = Date.now } = options;
  return async (event: PreAuthenticationTriggerEvent): Promise<PreAuthenticationTriggerEvent> => {
    const token = event.request.validationData?.[LINK_METADATA_KEY];
    if (token === undefined) return event;
    const config = readTriggerConfig(options.env ?? process.env);
    const identity = limitIdentity(event);
    const subject = {
      identity,
      username: event.userName,
      userPoolId: event.userPoolId,
      clientId: event.callerContext.clientId,
    };
    const accepted =
      links !== undefined &&
      event.request.userNotFound !== true &&
      (await acceptLink(links, token, subject, now(), (id) => links.store(config).claim(identity, id)));
    if (!accepted) throw new Error(LINK_REJECTED_MARKER);
    return event;
  };
}

/**
 * The Lambda entry point, deployed only with sign-in links on: tokens checked against the stack's KMS key
 * (`LINK_SIGNING_KEY_ID`), claims in `LIMITS_TABLE`.
 */
export const handler = createPreAuthenticationHandler({ links: signInLinksFromEnv() });
