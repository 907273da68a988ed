/**
 * The element's events, each defined once here with its typed detail. They all bubble and cross shadow roots,
 * so a page can listen on any ancestor; the names are kebab-case so HTML template frameworks can bind them.
 */
import type { AuthStep } from './sign-in-flow.js';

/** `auth-step-change`: the element moved to another step. */
export interface AuthStepChangeDetail {
  step: AuthStep;
  previousStep: AuthStep;
  /** On `challenge`: the public challenge parameters (all strings), as the Create Auth Challenge trigger sent them. */
  challengeParameters?: Readonly<Record<string, string>>;
}

/** `auth-signed-in`: a user is signed in. */
export interface AuthSignedInDetail {
  /** Cognito's username: in a pool that signs in with email, a generated UUID (the same as `userId`). */
  username: string;
  /** The user's `sub`, stable for the life of the account. */
  userId: string;
  /** The name the user signs in with (their email in such pools); `username` when the pool does not say. */
  loginId: string;
  /** `true` when an existing session was found rather than created by this form. */
  restored: boolean;
  /**
   * `true` when this sign-in follows a sign-up that created the account (the `sign-up` step), or the confirmation
   * of an account left unconfirmed (`auth-flow="user-auth"`). An address that already had an account signs in from
   * that step as well, with `newUser: false`.
   */
  newUser: boolean;
  /** `true` when a sign-in link made the session; absent otherwise. */
  link?: true;
}

/** `auth-signed-out`: the user signed out through the element. */
export interface AuthSignedOutDetail {
  username: string;
}

/** `auth-error`: something failed; the user sees an explanation in the `error` part. */
export interface AuthErrorDetail {
  /** The step the user was on when it happened. */
  step: AuthStep;
  /** Cognito's or Amplify's error name (e.g. `NotAuthorizedException`), or the element's own (`ConfigurationError`). */
  name: string;
  message: string;
}

/** Every event of the element and its detail: the single definition the rest is derived from. */
export interface AuthEventDetails {
  'auth-step-change': AuthStepChangeDetail;
  'auth-signed-in': AuthSignedInDetail;
  'auth-signed-out': AuthSignedOutDetail;
  'auth-error': AuthErrorDetail;
}

export type AuthEventName = keyof AuthEventDetails;

/** The event objects as listeners receive them. */
export type AuthEventMap = { [Name in AuthEventName]: CustomEvent<AuthEventDetails[Name]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the events into the DOM's map
  interface HTMLElementEventMap extends AuthEventMap {}
}

/** Dispatches one of the element's events from `target`: bubbling and composed, like every one of them. */
export function emit<Name extends AuthEventName>(
  target: EventTarget,
  name: Name,
  detail: AuthEventDetails[Name],
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
}
