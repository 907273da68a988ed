/**
 * Puts a `<custom-auth-login>` backed by a {@link FakeAuthAdapter} into the page and drives it to a given step,
 * plus small helpers to reach into its shadow root the way a user would.
 */
import { fixture, html, oneEvent } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../src/custom-auth-login.js';
import type { AuthFlow, AuthStep, CustomAuthLogin } from '../../../src/custom-auth-login.js';
import { FakeAuthAdapter, authError, customChallenge, signedIn } from './fake-auth-adapter.js';

export const userPoolId = 'local_devpool';
export const userPoolClientId = 'localdevclient';

export interface LoginOptions {
  authFlow?: AuthFlow;
  username?: string;
}

/** A configured element whose check for a stored session is still pending. */
export function renderLogin(fake: FakeAuthAdapter, { authFlow, username }: LoginOptions = {}): Promise<CustomAuthLogin> {
  return fixture<CustomAuthLogin>(html`
    <custom-auth-login
      user-pool-id=${userPoolId}
      user-pool-client-id=${userPoolClientId}
      auth-flow=${authFlow ?? nothing}
      username=${username ?? nothing}
      .adapter=${fake}
    ></custom-auth-login>
  `);
}

/** Resolves once the element has rendered the step it moves to next. */
export async function nextStep(el: CustomAuthLogin): Promise<AuthStep> {
  const { detail } = await oneEvent(el, 'auth-step-change');
  return detail.step;
}

/** The element on its first form: no stored session was found. */
export async function renderSignedOut(options: LoginOptions = {}): Promise<{ el: CustomAuthLogin; fake: FakeAuthAdapter }> {
  const fake = new FakeAuthAdapter();
  const el = await renderLogin(fake, options);
  const check = await fake.nextCall('getCurrentUser');
  const shown = nextStep(el);
  check.reject(authError('UserUnAuthenticatedException', 'User needs to be authenticated to call this API.'));
  await shown;
  return { el, fake };
}

/** The element asking for the code, after `username` was submitted and the pool sent `parameters`. */
export async function renderAtChallenge(
  parameters: Record<string, string> = { deliveryMedium: 'EMAIL', destination: 'a***@e***.com', codeLength: '6', attemptsLeft: '3' },
  options: LoginOptions = {},
): Promise<{ el: CustomAuthLogin; fake: FakeAuthAdapter }> {
  const { el, fake } = await renderSignedOut(options);
  typeInto(field(el, 'username-input'), 'alice@example.com');
  if (options.authFlow === 'custom-with-srp') typeInto(field(el, 'password-input'), 'Correct-Horse-42');
  submit(el);
  const signIn = await fake.nextCall('signIn');
  const shown = nextStep(el);
  signIn.resolve(customChallenge({ USERNAME: 'alice@example.com', ...parameters }));
  await shown;
  return { el, fake };
}

/** The element showing a signed-in user, reached through the form. */
export async function renderSignedIn(): Promise<{ el: CustomAuthLogin; fake: FakeAuthAdapter }> {
  const { el, fake } = await renderAtChallenge();
  typeInto(field(el, 'code-input'), '123456');
  submit(el);
  (await fake.nextCall('confirmSignIn')).resolve(signedIn);
  const shown = nextStep(el);
  (await fake.nextCall('getCurrentUser')).resolve({ username: 'alice@example.com', userId: 'user-1' });
  await shown;
  return { el, fake };
}

/** The element in the shadow root carrying `part`, or null. */
export function part<T extends HTMLElement = HTMLElement>(el: CustomAuthLogin, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
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
 * What has focus inside the element's shadow root: its part name (or id when it has none), or null.
 * A string keeps failure messages short; chai takes ages to print a whole element.
 */
export function focused(el: CustomAuthLogin): string | null {
  const active = el.shadowRoot!.activeElement;
  return active ? (active.getAttribute('part') ?? active.id) : null;
}
