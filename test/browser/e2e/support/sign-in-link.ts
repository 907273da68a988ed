/**
 * Helpers for the sign-in link specs: opening a link as a browser does (the page loads with the token as its
 * fragment, then an element connects), asking for an email, and waiting for the outcome.
 */
import { aTimeout, expect } from '@open-wc/testing';
import type { CustomAuthLogin } from '../../../../src/custom-auth-login.js';
import { latestLink } from './dev-endpoint.js';
import { renderForEndpoint } from './e2e-fixture.js';
import { stepAfter, submitFirstForm, type AuthEventLog } from '../../support/login-driver.js';

/** The user every link spec signs in. */
export const alice = 'alice@example.com';

/** The test page's own address, without a fragment. */
export const pageUrl = (): string => location.pathname + location.search;

/** The page as a link opens it: the token as the address's fragment, then an element connecting. */
export async function openLink(endpoint: string, link: string, attributes: Record<string, string> = {}) {
  history.replaceState(null, '', `${pageUrl()}${new URL(link).hash}`);
  return renderForEndpoint({ endpoint, attributes });
}

/** Asks for an email from a first element, and returns it (with its event log) and the link that email carries. */
export async function requestEmail(
  endpoint: string,
): Promise<{ el: CustomAuthLogin; log: AuthEventLog; link: string }> {
  const { el, log } = await renderForEndpoint({ endpoint });
  expect(await stepAfter(el, () => submitFirstForm(el, alice))).to.equal('challenge');
  return { el, log, link: await latestLink(endpoint, alice) };
}

/**
 * Opens the link in a tab where its page is already open, as a browser does: only the fragment changes (a
 * `hashchange`, no reload), so the elements on the page stay as they are.
 */
export function openInThisTab(link: string): void {
  location.hash = new URL(link).hash;
}

/** Waits until the element has signed in or reported an error (at most 5 s), then for its render. */
export async function settled(el: CustomAuthLogin, log: AuthEventLog): Promise<void> {
  for (let i = 0; i < 100 && !log.events.some((e) => e.type === 'auth-signed-in' || e.type === 'auth-error'); i++) {
    await aTimeout(50);
  }
  await el.updateComplete;
}
