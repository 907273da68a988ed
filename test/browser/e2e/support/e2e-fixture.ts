/**
 * Helpers for the end-to-end tests: the real element with the real Amplify, signing in against a local
 * Cognito-compatible endpoint that the test runner started (see test/e2e-support/local-cognito-plugin.ts).
 *
 * Each test starts from nothing: browser storage cleared, the endpoint's inbox and request log emptied.
 * Amplify is one global per page, so scenarios that need a fresh one live in their own test file.
 */
import { oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../../src/custom-auth-login.js';
import type { AuthEventDetails, AuthEventName, AuthFlow, CustomAuthLogin } from '../../../../src/custom-auth-login.js';
import { e2eConfig, latestCode } from './dev-endpoint.js';
import { field, submit, typeInto } from '../../support/login-fixture.js';

export * from './dev-endpoint.js';
export { errorText, field, part, submit, typeInto } from '../../support/login-fixture.js';

/** Records every event the element fires, in order, from before it connects. */
export class AuthEventLog {
  readonly events: Array<{ [Name in AuthEventName]: { type: Name; detail: AuthEventDetails[Name] } }[AuthEventName]> =
    [];

  constructor(el: CustomAuthLogin) {
    for (const type of ['auth-step-change', 'auth-signed-in', 'auth-signed-out', 'auth-error'] as const) {
      el.addEventListener(type, (event) => this.events.push({ type, detail: event.detail } as never));
    }
  }

  /** The steps the element moved to, in order. */
  steps(): string[] {
    return this.events.flatMap((event) => (event.type === 'auth-step-change' ? [event.detail.step] : []));
  }

  /** Event names in order, each step change written as `step:<step>` for readable comparisons. */
  sequence(): string[] {
    return this.events.map((event) => (event.type === 'auth-step-change' ? `step:${event.detail.step}` : event.type));
  }
}

export interface RenderOptions {
  readonly endpoint: string;
  readonly authFlow?: AuthFlow;
  /** Further attributes, e.g. `{ 'token-storage': 'session' }`. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * Puts an element configured for the endpoint into the page, with an {@link AuthEventLog} listening from the
 * start, and waits until it has settled on its first step (`username`, or `signed-in` for a stored session).
 */
export async function renderLogin({ endpoint, authFlow, attributes = {} }: RenderOptions): Promise<{
  el: CustomAuthLogin;
  log: AuthEventLog;
}> {
  const { userPoolId, clientId } = await e2eConfig();
  const el = document.createElement('custom-auth-login');
  const log = new AuthEventLog(el);
  const settled = oneEvent(el, 'auth-step-change');
  el.setAttribute('user-pool-id', userPoolId);
  el.setAttribute('user-pool-client-id', clientId);
  el.setAttribute('user-pool-endpoint', endpoint);
  if (authFlow) el.setAttribute('auth-flow', authFlow);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  await settled;
  return { el, log };
}

/** Types into a field with real key events, the way a user does. */
export async function typeWithKeyboard(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  await sendKeys({ type: text });
}

/** Resolves with the step the element moves to after `action`; the listener is attached first. */
export async function stepAfter(el: CustomAuthLogin, action: () => unknown): Promise<string> {
  const moved = oneEvent(el, 'auth-step-change');
  await action();
  return (await moved).detail.step;
}

/** Resolves with the `auth-error` detail `action` leads to; the listener is attached first. */
export async function errorAfter(el: CustomAuthLogin, action: () => unknown): Promise<AuthEventDetails['auth-error']> {
  const reported = oneEvent(el, 'auth-error');
  await action();
  return (await reported).detail;
}

/** Fills the first form (username, plus password when given) and submits it. */
export function submitFirstForm(el: CustomAuthLogin, username: string, password?: string): void {
  typeInto(field(el, 'username-input'), username);
  if (password !== undefined) typeInto(field(el, 'password-input'), password);
  submit(el);
}

/** Enters `code` into the challenge form and submits it. */
export function submitCode(el: CustomAuthLogin, code: string): void {
  typeInto(field(el, 'code-input'), code);
  submit(el);
}

/** A code of the same length that is certainly not `code`. */
export function wrongCodeFor(code: string): string {
  return [...code].map((digit) => String((Number(digit) + 1) % 10)).join('');
}

/**
 * Signs in through the form from the first step: username (and password), then the code from the inbox.
 * Resolves once the element shows the signed-in step.
 */
export async function signIn(
  el: CustomAuthLogin,
  endpoint: string,
  { username, password }: { username: string; password?: string },
): Promise<void> {
  const atChallenge = await stepAfter(el, () => submitFirstForm(el, username, password));
  if (atChallenge !== 'challenge') throw new Error(`expected the challenge step, got ${atChallenge}`);
  const code = await latestCode(endpoint, username);
  const signedIn = oneEvent(el, 'auth-signed-in');
  submitCode(el, code);
  await signedIn;
}
