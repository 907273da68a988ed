/**
 * Helpers for specs that load a whole page (the built bundle from a script tag) into an iframe of the test page,
 * as a user's site would load it, and drive its element from outside.
 */
import { sendKeys } from '@web/test-runner-commands';
import { waitUntil } from '@open-wc/testing';
import type { AuthEventName, CustomAuthLogin } from '../../../../src/custom-auth-login.js';
import { latestCode } from './dev-endpoint.js';

/** A framed page's window, as the script-tag page sets it up: the element's events, in order. */
export type ScriptTagWindow = Window & {
  authEvents: Array<{ type: AuthEventName; detail: Record<string, unknown> }>;
};

/**
 * An iframe added before each test of the calling suite and removed after it; the returned function gives the
 * current one.
 */
export function framePerTest(): () => HTMLIFrameElement {
  let frame: HTMLIFrameElement;
  beforeEach(() => {
    frame = document.createElement('iframe');
    frame.style.width = '600px';
    frame.style.height = '400px';
    document.body.append(frame);
  });
  afterEach(() => frame.remove());
  return () => frame;
}

/** (Re)loads the page in `frame` by `action` (setting its address, a reload) and resolves once its element is defined. */
export async function loadInFrame(
  frame: HTMLIFrameElement,
  action: () => void,
): Promise<{ page: ScriptTagWindow; el: CustomAuthLogin }> {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  action();
  await loaded;
  const page = frame.contentWindow as ScriptTagWindow;
  await page.customElements.whenDefined('custom-auth-login');
  return { page, el: page.document.querySelector('custom-auth-login')! };
}

/** A part of a page's element, in its shadow root or, with `no-shadow`, in itself; throws when it shows none. */
export function partOf(el: CustomAuthLogin, name: string): HTMLInputElement {
  const found = (el.shadowRoot ?? el).querySelector<HTMLInputElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`the page's element shows no ${name}`);
  return found;
}

/** Types into a field of the framed page with real key presses, as a user would. */
export async function typeInto(input: HTMLInputElement, text: string): Promise<void> {
  input.focus();
  await sendKeys({ type: text });
}

/** Signs alice in on a framed page as a person would: the email, then the code from `endpoint`'s inbox. */
export async function signInOnPage(el: CustomAuthLogin, endpoint: string): Promise<void> {
  await waitUntil(() => el.getAttribute('step') === 'username', 'the first form never showed');
  await typeInto(partOf(el, 'username-input'), 'alice@example.com');
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => el.getAttribute('step') === 'challenge', 'the challenge never showed', { timeout: 10_000 });
  await typeInto(partOf(el, 'code-input'), await latestCode(endpoint, 'alice@example.com'));
  await sendKeys({ press: 'Enter' });
}
