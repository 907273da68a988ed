/**
 * End to end, the way most users meet the product: a plain HTML page with one `<script type="module">` for the
 * built `dist/custom-auth-login.js` and a `<custom-auth-login>` tag. The page runs in an iframe; this test file
 * never loads the element itself, so everything the page does comes from the bundle (and, on a page in another
 * language than English, the language chunk the bundle fetches from beside itself).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { AuthEventName, CustomAuthLogin } from '../../../src/custom-auth-login.js';
import {
  clearRequests,
  endToEndSuite,
  latestCode,
  operations,
  sentCodes,
  signInRequests,
  type MochaSuite,
} from './support/dev-endpoint.js';
import { ALL_TOKENS, tokensIn, tokensInCookies } from './support/token-storage.js';
import { sendKeys } from '@web/test-runner-commands';
import {
  framePerTest,
  loadInFrame,
  partOf,
  signInOnPage,
  typeInto,
  type ScriptTagWindow,
} from './support/page-frame.js';

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

describe('end to end: the built bundle on a plain page', function (this: MochaSuite) {
  const e2e = endToEndSuite(this, { timeoutMs: 20_000 });
  const currentFrame = framePerTest();

  /** (Re)loads the page in the iframe and resolves once its element is defined. */
  const loadPage = (action: () => void) => loadInFrame(currentFrame(), action);

  /** Waits until the page has recorded an event of `type`, and returns the detail of the last one. */
  async function recorded(page: ScriptTagWindow, type: AuthEventName): Promise<Record<string, unknown>> {
    await waitUntil(() => page.authEvents.some((event) => event.type === type), `no ${type} event`, {
      timeout: 10_000,
    });
    return page.authEvents.filter((event) => event.type === type).at(-1)!.detail;
  }

  it('is served the bundle byte for byte as built', async () => {
    expect(e2e.config.bundleSha256, 'dist/custom-auth-login.js is missing: run `npm run build`').to.not.equal('');
    const served = await (await fetch('/dist/custom-auth-login.js')).arrayBuffer();
    expect(await sha256Hex(served)).to.equal(e2e.config.bundleSha256);
  });

  const signedInText = (el: CustomAuthLogin) => el.shadowRoot?.querySelector('[part~="signed-in"]')?.textContent ?? '';

  it('signs in from the script tag alone, and finds the session again after a reload', async () => {
    const { page, el } = await loadPage(() => (currentFrame().src = '/__e2e/script-tag.html'));
    expect(customElements.get('custom-auth-login'), 'the test page itself never loads the element').to.equal(undefined);
    const scripts = [...page.document.querySelectorAll('script[src]')].map((script) => script.getAttribute('src'));
    expect(scripts).to.deep.equal(['/dist/custom-auth-login.js']);

    await waitUntil(() => el.getAttribute('step') === 'username', 'the first form never showed');
    await typeInto(partOf(el, 'username-input'), 'alice@example.com');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.getAttribute('step') === 'challenge', 'the challenge never showed', { timeout: 10_000 });
    await typeInto(partOf(el, 'code-input'), await latestCode(e2e.endpoint, 'alice@example.com'));
    await sendKeys({ press: 'Enter' });

    const signedIn = await recorded(page, 'auth-signed-in');
    expect(signedIn).to.deep.include({ loginId: 'alice@example.com', restored: false });
    expect(signedIn.username).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(signedInText(el)).to.contain('Signed in as alice@example.com.');
    expect(tokensIn(page.localStorage)).to.deep.equal(ALL_TOKENS, 'Amplify keeps tokens in localStorage by default');
    expect(await operations(e2e.endpoint)).to.deep.equal(['InitiateAuth', 'RespondToAuthChallenge']);

    await clearRequests(e2e.endpoint);
    const reloaded = await loadPage(() => page.location.reload());

    expect(await recorded(reloaded.page, 'auth-signed-in')).to.deep.include({
      username: signedIn.username,
      loginId: 'alice@example.com',
      restored: true,
    });
    expect(reloaded.el.getAttribute('step')).to.equal('signed-in');
    expect(signedInText(reloaded.el)).to.contain('Signed in as alice@example.com.');
    expect(await operations(e2e.endpoint)).to.deep.equal([], 'a reload signs nobody in again');
  });

  for (const [storage, holding] of [
    ['session', () => tokensIn(sessionStorage)],
    ['cookie', () => tokensInCookies()],
  ] as const) {
    it(`keeps the tokens in ${storage} storage only with token-storage="${storage}", across a reload`, async () => {
      const { page, el } = await loadPage(() => (currentFrame().src = `/__e2e/script-tag.html?storage=${storage}`));
      await signInOnPage(el, e2e.endpoint);
      await recorded(page, 'auth-signed-in');
      // The frame shares the test page's origin, so its stores are the ones read here.
      expect(holding()).to.deep.equal(ALL_TOKENS);
      expect(tokensIn(localStorage)).to.deep.equal([]);

      const reloaded = await loadPage(() => page.location.reload());

      expect(await recorded(reloaded.page, 'auth-signed-in')).to.deep.include({ restored: true });
      expect(signedInText(reloaded.el)).to.contain('Signed in as alice@example.com.');
      expect(holding()).to.deep.equal(ALL_TOKENS);
      await (reloaded.el as CustomAuthLogin).signOut();
      expect(holding()).to.deep.equal([]);
    });
  }

  it('signs a new address up without a password, with the auto sign-in of the sign-up chunks, after one code', async () => {
    const endpoint = e2e.config.userAuthOnlyEndpoint;
    await clearRequests(endpoint);
    const email = `new-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const { page, el } = await loadPage(() => (currentFrame().src = '/__e2e/script-tag.html?passwordless'));
    await waitUntil(() => el.shadowRoot?.querySelector('[part~="to-sign-up-button"]'), 'no sign-up offered');
    partOf(el, 'to-sign-up-button').click();
    await waitUntil(() => el.getAttribute('step') === 'sign-up', 'the sign-up form never showed');
    await typeInto(partOf(el, 'username-input'), email);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.getAttribute('step') === 'challenge', 'the code never was asked for', { timeout: 10_000 });
    await typeInto(partOf(el, 'code-input'), await latestCode(endpoint, email));
    await sendKeys({ press: 'Enter' });

    expect(await recorded(page, 'auth-signed-in')).to.deep.include({ loginId: email, newUser: true });
    expect(await signInRequests(endpoint)).to.deep.equal(['SignUp', 'ConfirmSignUp', 'InitiateAuth']);
    expect((await sentCodes(endpoint)).filter((sent) => sent.to === email)).to.have.length(1);
  });

  it('speaks the page’s language, fetching only that language’s chunk (and Amplify’s) from beside the bundle', async () => {
    const { page, el } = await loadPage(() => (currentFrame().src = '/__e2e/script-tag.html?lang=de'));
    await waitUntil(() => el.getAttribute('step') === 'username', 'the first form never showed');

    expect(partOf(el, 'username-input').labels?.[0]?.textContent).to.equal('Benutzername');
    expect(partOf(el, 'submit-button').textContent?.trim()).to.equal('Code senden');
    const fetched = page.performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname)
      .filter((path) => path.startsWith('/dist/'));
    // The bundle, then its Amplify chunk and the German table, which it asks for side by side.
    expect(fetched).to.have.length(3);
    expect(fetched[0]).to.equal('/dist/custom-auth-login.js');
    expect(fetched.slice(1).sort()).to.satisfy(
      ([amplify, german]: string[]) =>
        /^\/dist\/chunks\/amplify-auth-adapter-[\w-]+\.js$/.test(amplify!) &&
        /^\/dist\/locales\/de-[\w-]+\.js$/.test(german!),
      fetched.join(', '),
    );
  });
});
