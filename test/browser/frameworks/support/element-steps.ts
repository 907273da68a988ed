/**
 * Drives a `<custom-auth-login>` whose auth library is a {@link FakeAuthAdapter}, the way a user would, for
 * tests that render the element through a framework or from a built bundle. Only the element's public
 * surface is used: its shadow parts, its `step` attribute and its events.
 */
import { oneEvent } from '@open-wc/testing';
import type { AuthStep, CustomAuthLogin } from '../../../../src/custom-auth-login.js';
import { authError, customChallenge, signedIn, type FakeAuthAdapter } from '../../support/fake-auth-adapter.js';

/** The element in the shadow root carrying `part`; fails the test when there is none. */
export function partOf<T extends HTMLElement = HTMLElement>(el: Element, name: string): T {
  const found = el.shadowRoot?.querySelector<T>(`[part~="${name}"]`);
  if (!found) throw new Error(`<${el.localName}> renders no ${name} part`);
  return found;
}

/** Enters `value` into the input carrying `part` as a paste would: one input event. */
export function enter(el: Element, part: string, value: string): void {
  const input = partOf<HTMLInputElement>(el, part);
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Resolves with the step the element shows next. */
export async function stepAfter(el: CustomAuthLogin, action: () => void): Promise<AuthStep> {
  const changed = oneEvent(el, 'auth-step-change');
  action();
  return (await changed).detail.step;
}

/** Answers the element's first look for a stored session with "nobody is signed in". */
export async function showFirstForm(el: CustomAuthLogin, fake: FakeAuthAdapter): Promise<AuthStep> {
  const check = await fake.nextCall('getCurrentUser');
  return stepAfter(el, () => check.reject(authError('UserUnAuthenticatedException', 'No user is signed in.')));
}

/** Submits a username and lets the pool ask for a code. */
export async function reachChallenge(el: CustomAuthLogin, fake: FakeAuthAdapter, username: string): Promise<AuthStep> {
  enter(el, 'username-input', username);
  partOf(el, 'submit-button').click();
  const signIn = await fake.nextCall('signIn');
  return stepAfter(el, () => signIn.resolve(customChallenge({ USERNAME: username, codeLength: '6' })));
}

/** Submits a code the pool accepts and reports `username` as the signed-in user. */
export async function answerChallenge(el: CustomAuthLogin, fake: FakeAuthAdapter, username: string): Promise<void> {
  enter(el, 'code-input', '123456');
  partOf(el, 'submit-button').click();
  (await fake.nextCall('confirmSignIn')).resolve(signedIn);
  (await fake.nextCall('getCurrentUser')).resolve({ username, userId: `id-of-${username}` });
}
