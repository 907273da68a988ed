/**
 * What the end-to-end browser tests learn from `GET /__e2e/config.json` (served by the local-cognito test
 * runner plugin). Shared by the plugin and the tests, so both sides agree on the shape.
 */
export interface E2eConfig {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The endpoint most tests sign in against (Cognito's 180 s session lifetime). */
  readonly endpoint: string;
  /** An endpoint whose sign-in sessions expire after {@link shortSessionSeconds}, for the expiry test. */
  readonly shortSessionEndpoint: string;
  readonly shortSessionSeconds: number;
  /** How long the short-session endpoint's sign-in links hold (longer than its sessions). */
  readonly shortLinkSeconds: number;
  /**
   * An endpoint with the limits across sign-ins as deployed, except that a user is locked after
   * {@link limitedFailuresPerHour} wrong codes (for the refusal test).
   */
  readonly limitedEndpoint: string;
  readonly limitedFailuresPerHour: number;
  /**
   * An endpoint whose pool has Cognito's own passwordless sign-in (`USER_AUTH`, email codes) and no custom flow:
   * a sign-up without a password gets Cognito's confirmation code, and its session signs the new user in.
   */
  readonly userAuthOnlyEndpoint: string;
  /** Attempts the triggers allow per code. */
  readonly maxAttempts: number;
  /**
   * The first factors the main endpoint allows for USER_AUTH (its `AvailableChallenges`). Passkeys there belong to
   * the relying party `localhost`, so pages must be opened on localhost; the users are backend/local-cognito/users.json
   * (erin@example.com has a phone number for SMS_OTP).
   */
  readonly userAuthFirstFactors: readonly ('EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN')[];
  /** SHA-256 (hex) of `dist/custom-auth-login.js` on disk, so a test can prove it was served unchanged. */
  readonly bundleSha256: string;
}
