/**
 * Helpers for specs that load a whole page (the built bundle from a script tag) into an iframe of the test page,
 * as a user's site would load it, and drive its element from outside.
 */
import { sendKeys } from '@web/test-runner-commands';
import type { CustomAuthLogin } from '../../../../src/custom-auth-login.js';

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
