/** Shared fixtures of the trigger tests: a fixed clock and the Cognito-side view of two sign-ins. */
import type { TriggerContext } from '../../../backend/triggers/trigger-events.ts';

/** A fixed "now" (epoch ms), so expiry times are exact. */
export const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);

/**
 * A real user with an email address. The pool signs in with email, so Cognito generated her username, a UUID
 * equal to her `sub`; the address is only in her attributes.
 */
export const alice: TriggerContext = {
  userPoolId: 'local_testpool',
  clientId: 'testclient',
  userName: '5f1c0000-0000-4000-8000-000000000001',
  userAttributes: {
    email: 'alice@example.com',
    email_verified: 'true',
    sub: '5f1c0000-0000-4000-8000-000000000001',
  },
  userNotFound: false,
};

/** A sign-in name Cognito could not find: no attributes, `userNotFound` set, the typed name as `userName`. */
export const stranger: TriggerContext = {
  ...alice,
  userName: 'nobody@example.org',
  userAttributes: {},
  userNotFound: true,
};
