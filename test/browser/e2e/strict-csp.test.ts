/**
 * End to end under a strict Content Security Policy (scripts and styles from the page's own origin only,
 * nothing inline, Trusted Types enforced with Lit's policy, requests only to the sign-in endpoint): the built
 * bundle from one script tag signs in, styled, in both render modes, and the browser reports no violation.
 * The page runs in an iframe served with that policy; this test file never loads the element itself.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { AuthEventName, CustomAuthLogin } from '../../../src/custom-auth-login.js';
import { endToEndSuite, latestCode, type MochaSuite } from './support/dev-endpoint.js';
import { sendKeys } from '@web/test-runner-commands';
import { framePerTest, partOf, typeInto } from './support/page-frame.js';

/** The test page's window, as its recorder script sets it up. */
type StrictPageWindow = Window & {
  authEvents: Array<{ type: AuthEventName; detail: Record<string, unknown> }>;
  cspViolations: string[];
};

describe('end to end: the built bundle under a strict Content Security Policy', function (this: MochaSuite) {
  const e2e = endToEndSuite(this, { timeoutMs: 20_000 });
  const currentFrame = framePerTest();

  async function loadPage(query: string): Promise<{ page: StrictPageWindow; el: CustomAuthLogin }> {
    const loaded = new Promise((resolve) => currentFrame().addEventListener('load', resolve, { once: true }));
    currentFrame().src = `/__e2e/strict-csp.html${query}`;
    await loaded;
    const page = currentFrame().contentWindow as StrictPageWindow;
    await page.customElements.whenDefined('custom-auth-login');
    return { page, el: page.document.querySelector('custom-auth-login')! };
  }

  it('serves the page under the policy: an inline style is refused and reported', async () => {
    const { page } = await loadPage('');
    const style = page.document.createElement('style');
    style.textContent = 'body { background: rgb(1, 2, 3); }';
    page.document.head.append(style);
    await waitUntil(() => page.cspViolations.length > 0, 'no violation reported');
    expect(page.cspViolations).to.deep.equal(['style-src-elem inline']);
    expect(page.getComputedStyle(page.document.body).backgroundColor).to.not.equal('rgb(1, 2, 3)');
  });

  for (const [mode, query] of [
    ['shadow', ''],
    ['no-shadow', '?no-shadow'],
  ] as const) {
    it(`signs in, styled, in ${mode} mode, with no violation`, async () => {
      const { page, el } = await loadPage(query);
      expect(el.hasAttribute('no-shadow')).to.equal(mode === 'no-shadow');
      await waitUntil(() => el.getAttribute('step') === 'username', 'the first form never showed');

      // The element's own look, not the browser's grey default button.
      const button = page.getComputedStyle(partOf(el, 'submit-button'));
      expect({ background: button.backgroundColor, color: button.color }).to.deep.equal({
        background: 'rgb(31, 95, 191)',
        color: 'rgb(255, 255, 255)',
      });
      expect(page.getComputedStyle(el).borderTopStyle).to.equal('solid');

      await typeInto(partOf(el, 'username-input'), 'alice@example.com');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.getAttribute('step') === 'challenge', 'the challenge never showed', { timeout: 10_000 });
      await typeInto(partOf(el, 'code-input'), await latestCode(e2e.endpoint, 'alice@example.com'));
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => page.authEvents.some((event) => event.type === 'auth-signed-in'), 'never signed in', {
        timeout: 10_000,
      });

      expect(partOf(el, 'signed-in').textContent).to.contain('Signed in as alice@example.com.');
      expect(page.cspViolations).to.deep.equal([]);
    });
  }
});
