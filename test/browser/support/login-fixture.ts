/**
 * Puts a `<custom-auth-login>` backed by a {@link FakeAuthAdapter} into the page and drives it to a given step,
 * plus small helpers to reach into its shadow root the way a user would.
 */
import { fixture, html, oneEvent } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../src/custom-auth-login.js';
import type {
  AuthEventDetails,
  AuthEventName,
  AuthFlow,
  AuthStep,
  CustomAuthLogin,
} from '../../../src/custom-auth-login.js';
import { FakeAuthAdapter, authError, customChallenge, signedIn, type PendingCall } from './fake-auth-adapter.js';

export const userPoolId = 'local_devpool';
export const userPoolClientId = 'localdevclient';

/**
 * The user the tests sign in, as a pool that signs in with email describes her: Cognito's username is a
 * generated UUID (also her `sub`), the email is the name she signs in with.
 */
export const alice = {
  username: '5f1c9e2a-7b3d-4c8e-9a01-23456789abcd',
  userId: '5f1c9e2a-7b3d-4c8e-9a01-23456789abcd',
  loginId: 'alice@example.com',
};

export interface LoginOptions {
  authFlow?: AuthFlow;
  username?: string;
  lang?: string;
  noShadow?: boolean;
  resendCooldown?: number;
  codeLifetime?: number;
}

/** A configured element whose check for a stored session is still pending. */
export function renderLogin(
  fake: FakeAuthAdapter,
  { authFlow, username, lang, noShadow, resendCooldown, codeLifetime }: LoginOptions = {},
): Promise<CustomAuthLogin> {
  return fixture<CustomAuthLogin>(html`
    <custom-auth-login
      user-pool-id=${userPoolId}
      user-pool-client-id=${userPoolClientId}
      auth-flow=${authFlow ?? nothing}
      username=${username ?? nothing}
      lang=${lang ?? nothing}
      ?no-shadow=${noShadow}
      resend-cooldown=${resendCooldown ?? nothing}
      code-lifetime=${codeLifetime ?? nothing}
      .adapter=${fake}
    ></custom-auth-login>
  `);
}

/** Resolves once the element has rendered the step it moves to next. */
export async function nextStep(el: CustomAuthLogin): Promise<AuthStep> {
  const { detail } = await oneEvent(el, 'auth-step-change');
  return detail.step;
}

/** Runs `action` with a listener for `name` already attached, and resolves with the event's detail. */
export async function detailAfter<Name extends AuthEventName>(
  el: CustomAuthLogin,
  name: Name,
  action: () => void,
): Promise<AuthEventDetails[Name]> {
  const fired = oneEvent(el, name);
  action();
  return (await fired).detail;
}

/** Fills the first form (a password only when given), submits it and returns the sign-in call it made. */
export async function submitUsername(
  el: CustomAuthLogin,
  fake: FakeAuthAdapter,
  username = 'alice@example.com',
  password?: string,
): Promise<PendingCall<'signIn'>> {
  typeInto(field(el, 'username-input'), username);
  if (password !== undefined) typeInto(field(el, 'password-input'), password);
  submit(el);
  return fake.nextCall('signIn');
}

/** Types `code` into the challenge form, submits it and returns the call it made. */
export async function submitCode(
  el: CustomAuthLogin,
  fake: FakeAuthAdapter,
  code = '123456',
): Promise<PendingCall<'confirmSignIn'>> {
  typeInto(field(el, 'code-input'), code);
  submit(el);
  return fake.nextCall('confirmSignIn');
}

/** The element on its first form: no stored session was found. */
export async function renderSignedOut(
  options: LoginOptions = {},
): Promise<{ el: CustomAuthLogin; fake: FakeAuthAdapter }> {
  const fake = new FakeAuthAdapter();
  const el = await renderLogin(fake, options);
  const check = await fake.nextCall('getCurrentUser');
  await detailAfter(el, 'auth-step-change', () =>
    check.reject(authError('UserUnAuthenticatedException', 'User needs to be authenticated to call this API.')),
  );
  return { el, fake };
}

/** The element asking for the code, after `username` was submitted and the pool sent `parameters`. */
export async function renderAtChallenge(
  parameters: Record<string, string> = {
    deliveryMedium: 'EMAIL',
    destination: 'a***@e***.com',
    codeLength: '6',
    attemptsLeft: '3',
  },
  options: LoginOptions = {},
): Promise<{ el: CustomAuthLogin; fake: FakeAuthAdapter }> {
  const { el, fake } = await renderSignedOut(options);
  const password = options.authFlow === 'custom-with-srp' ? 'Correct-Horse-42' : undefined;
  const signIn = await submitUsername(el, fake, 'alice@example.com', password);
  await detailAfter(el, 'auth-step-change', () =>
    signIn.resolve(customChallenge({ USERNAME: 'alice@example.com', ...parameters })),
  );
  return { el, fake };
}

/** The element showing a signed-in user, reached through the form. */
export async function renderSignedIn(
  options: LoginOptions = {},
): Promise<{ el: CustomAuthLogin; fake: FakeAuthAdapter }> {
  const { el, fake } = await renderAtChallenge(undefined, options);
  (await submitCode(el, fake)).resolve(signedIn);
  const lookup = await fake.nextCall('getCurrentUser');
  await detailAfter(el, 'auth-step-change', () => lookup.resolve(alice));
  return { el, fake };
}

/** The element's content carrying `part` (in its shadow root, or in itself with `no-shadow`), or null. */
export function part<T extends HTMLElement = HTMLElement>(el: CustomAuthLogin, name: string): T | null {
  return (el.shadowRoot ?? el).querySelector<T>(`[part~="${name}"]`);
}

/** The input carrying `part`; fails the test when it is not rendered. */
export function field(el: CustomAuthLogin, name: string): HTMLInputElement {
  const input = part<HTMLInputElement>(el, name);
  if (!input) throw new Error(`no ${name} is rendered`);
  return input;
}

/** Types `value` into `input` as a paste would: one input event. */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Clicks the submit button of the current form. */
export function submit(el: CustomAuthLogin): void {
  const button = part<HTMLButtonElement>(el, 'submit-button');
  if (!button) throw new Error('no submit button is rendered');
  button.click();
}

/** The text of the error part, or '' when it is hidden. */
export function errorText(el: CustomAuthLogin): string {
  const error = part(el, 'error');
  return error && !error.hidden ? (error.textContent ?? '').trim() : '';
}

/**
 * The part name of what has focus inside the element (its shadow root, or itself with `no-shadow`), or null.
 * A string keeps failure messages short; chai takes ages to print a whole element.
 */
export function focused(el: CustomAuthLogin): string | null {
  const active = el.shadowRoot
    ? el.shadowRoot.activeElement
    : el.contains(document.activeElement)
      ? document.activeElement
      : null;
  return active ? active.getAttribute('part') : null;
}

/** The visible text of the element's content carrying `part`, whitespace collapsed; '' when there is none. */
export function textOf(el: CustomAuthLogin, name: string): string {
  return (part(el, name)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
