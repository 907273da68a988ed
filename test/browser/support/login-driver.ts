/**
 * The one test driver of `<custom-auth-login>`: it works the element the way a user and a page do, through its
 * public surface only (its parts, in its shadow root or, with `no-shadow`, in itself; its `step` attribute; its
 * events). Side-effect free: it registers nothing and knows no auth library, so the unit, framework and
 * end-to-end suites all drive the element with it, whichever copy of the element they loaded and whatever
 * answers its calls. (Runs in the browser, like everything under test/browser.)
 */
import { oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AuthEventDetails, AuthEventName, AuthStep } from '../../../src/custom-auth-login.js';

/** Where the element's content lives: its shadow root, or the element itself with `no-shadow`. */
const contentOf = (el: Element): ParentNode => el.shadowRoot ?? el;

/** The element's content carrying `name` among its parts, or null. */
export function part<T extends HTMLElement = HTMLElement>(el: Element, name: string): T | null {
  return contentOf(el).querySelector<T>(`[part~="${name}"]`);
}

/** The element's content carrying `name` among its parts; fails the test when it is not rendered. */
export function partOf<T extends HTMLElement = HTMLElement>(el: Element, name: string): T {
  const found = part<T>(el, name);
  if (!found) throw new Error(`<${el.localName}> renders no ${name} part`);
  return found;
}

/** The input carrying `name`; fails the test when it is not rendered. */
export const field = (el: Element, name: string): HTMLInputElement => partOf<HTMLInputElement>(el, name);

/** Types `value` into `input` as a paste would: one input event. */
export function typeInto(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Types into a field with real key events, the way a user does. */
export async function typeWithKeyboard(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  await sendKeys({ type: text });
}

/** Clicks the submit button of the current form. */
export function submit(el: Element): void {
  partOf<HTMLButtonElement>(el, 'submit-button').click();
}

/** Fills the first form (a password only when given) and submits it. */
export function submitFirstForm(el: Element, username: string, password?: string): void {
  typeInto(field(el, 'username-input'), username);
  if (password !== undefined) typeInto(field(el, 'password-input'), password);
  submit(el);
}

/**
 * On the `username` step of an element with `sign-up`: waits until the sign-up chunk has arrived (its button
 * shows), then goes to the sign-up form. Resolves with the step reached.
 */
export async function openSignUp(el: Element): Promise<AuthStep> {
  await waitUntil(() => part(el, 'to-sign-up-button'), 'the element offers no sign-up');
  return stepAfter(el, () => partOf(el, 'to-sign-up-button').click());
}

/** Fills in the sign-up form (the address, and extra fields by attribute name) and submits it. */
export function submitSignUp(el: Element, email: string, attributes: Readonly<Record<string, string>> = {}): void {
  typeInto(field(el, 'username-input'), email);
  for (const [name, value] of Object.entries(attributes)) {
    const input = contentOf(el).querySelector<HTMLInputElement>(`[part="attribute-input"][name="${name}"]`);
    if (!input) throw new Error(`no sign-up field for ${name}`);
    typeInto(input, value);
  }
  submit(el);
}

/** Enters `code` into the challenge form and submits it. */
export function submitCode(el: Element, code: string): void {
  typeInto(field(el, 'code-input'), code);
  submit(el);
}

/** The text of the error part, or '' when it is hidden. */
export function errorText(el: Element): string {
  const error = part(el, 'error');
  return error && !error.hidden ? (error.textContent ?? '').trim() : '';
}

/** The visible text of the element's content carrying `name`, whitespace collapsed; '' when there is none. */
export function textOf(el: Element, name: string): string {
  return (part(el, name)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The part name of what has focus inside the element, or null. A string keeps failure messages short; chai
 * takes ages to print a whole element.
 */
export function focused(el: Element): string | null {
  const active = el.shadowRoot
    ? el.shadowRoot.activeElement
    : el.contains(document.activeElement)
      ? document.activeElement
      : null;
  return active ? active.getAttribute('part') : null;
}

/** Runs `action` with a listener for `name` already attached, and resolves with the event's detail. */
export async function detailAfter<Name extends AuthEventName>(
  el: Element,
  name: Name,
  action: () => unknown,
): Promise<AuthEventDetails[Name]> {
  const fired = oneEvent(el, name) as Promise<CustomEvent<AuthEventDetails[Name]>>;
  await action();
  return (await fired).detail;
}

/** The first factors the `choose` step offers (`user-auth`), in the order of its buttons. */
export function methodsOffered(el: Element): string[] {
  const root = el.shadowRoot ?? el;
  return [...root.querySelectorAll<HTMLElement>('[part~="method-button"]')].map((button) => button.dataset['method']!);
}

/** Clicks the `choose` step's button of `method` (`EMAIL_OTP`, `SMS_OTP`, `WEB_AUTHN`). */
export function pickMethod(el: Element, method: string): void {
  const root = el.shadowRoot ?? el;
  const button = root.querySelector<HTMLButtonElement>(`[part~="method-button"][data-method="${method}"]`);
  if (!button) throw new Error(`the choose step offers no ${method}: ${methodsOffered(el).join(', ') || 'nothing'}`);
  button.click();
}

/** Resolves with the step the element moves to after `action`; the listener is attached first. */
export async function stepAfter(el: Element, action: () => unknown): Promise<AuthStep> {
  return (await detailAfter(el, 'auth-step-change', action)).step;
}

/** Resolves with the `auth-error` detail `action` leads to; the listener is attached first. */
export function errorAfter(el: Element, action: () => unknown): Promise<AuthEventDetails['auth-error']> {
  return detailAfter(el, 'auth-error', action);
}

/** Resolves once the element has rendered the step it moves to next, with that step. */
export async function nextStep(el: Element): Promise<AuthStep> {
  return stepAfter(el, () => undefined);
}

/** Records every event the element fires, in order, from before it connects. */
export class AuthEventLog {
  readonly events: Array<{ [Name in AuthEventName]: { type: Name; detail: AuthEventDetails[Name] } }[AuthEventName]> =
    [];

  constructor(el: Element) {
    for (const type of ['auth-step-change', 'auth-signed-in', 'auth-signed-out', 'auth-error'] as const) {
      el.addEventListener(type, (event) => this.events.push({ type, detail: (event as CustomEvent).detail } as never));
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
