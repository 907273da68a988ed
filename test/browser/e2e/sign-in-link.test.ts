/**
 * End to end, through the real Amplify against the local endpoint: the link in the code email signs in, in the
 * tab that asked for it (its live challenge), in another tab or device (no sessionStorage of that tab), and after
 * the Cognito session has lapsed; a used, tampered or expired link is refused with a message and a way on.
 * Opening a link is simulated the way a browser sees it: the page loads with the token as its fragment.
 */
import { aTimeout, expect } from '@open-wc/testing';
import {
  clearRequests,
  endToEndSuite,
  errorText,
  latestCode,
  operations,
  renderForEndpoint,
  sentCodes,
  submitCode,
  storedTokenKeys,
  type AuthEventLog,
  type MochaSuite,
} from './support/e2e-fixture.js';
import { alice, openInThisTab, openLink, pageUrl, requestEmail, settled } from './support/sign-in-link.js';

/**
 * Opens the link as another tab would: its own document (so its own Amplify, with no sign-in in progress) and
 * an empty sessionStorage. The link's page is the script-tag page, which loads the built bundle and records the
 * element's events. Resolves once the element there signed in or failed.
 */
async function openInOtherTab(link: string): Promise<{ signedIn: unknown; error: unknown; hash: string }> {
  sessionStorage.clear();
  const frame = document.createElement('iframe');
  frame.src = link;
  document.body.append(frame);
  try {
    type Recorded = { type: string; detail: unknown };
    const events = () => (frame.contentWindow as (Window & { authEvents?: Recorded[] }) | null)?.authEvents ?? [];
    const outcome = () => events().find((event) => event.type === 'auth-signed-in' || event.type === 'auth-error');
    for (let i = 0; i < 200 && !outcome(); i++) await aTimeout(50);
    const find = (type: string) => events().find((event) => event.type === type)?.detail;
    return { signedIn: find('auth-signed-in'), error: find('auth-error'), hash: frame.contentWindow!.location.hash };
  } finally {
    frame.remove();
  }
}

function signedInDetail(log: AuthEventLog) {
  return log.events.find((event) => event.type === 'auth-signed-in')?.detail;
}

describe('end to end: sign-in links', function (this: MochaSuite) {
  const e2e = endToEndSuite(this, { timeoutMs: 30_000 });
  afterEach(() => history.replaceState(null, '', pageUrl()));

  describe('the email', () => {
    it('carries a link to the page, with the token as its fragment, beside the code', async () => {
      const { link } = await requestEmail(e2e.endpoint);
      expect(new URL(link).hash).to.match(/^#cal1\.[\w-]+\.[\w-]+$/);
      expect(await latestCode(e2e.endpoint, alice)).to.match(/^\d{6}$/);
    });
  });

  describe('when the link is opened in the tab that asked for it', () => {
    it('answers the live challenge: signed in by one request, the fragment gone from the address', async () => {
      const { el: first, link } = await requestEmail(e2e.endpoint);
      first.remove();
      await clearRequests(e2e.endpoint);

      const { el, log } = await openLink(e2e.endpoint, link);
      expect(location.hash, 'removed before anything else').to.equal('');
      await settled(el, log);

      expect(el.step).to.equal('signed-in');
      expect(signedInDetail(log)).to.deep.include({ loginId: alice, restored: false, link: true });
      expect(await operations(e2e.endpoint)).to.deep.equal(['RespondToAuthChallenge']);
    });

    it('leaves the code of the same email working instead', async () => {
      const { el } = await requestEmail(e2e.endpoint);
      const signedIn = new Promise((resolve) => el.addEventListener('auth-signed-in', resolve, { once: true }));
      submitCode(el, await latestCode(e2e.endpoint, alice));
      await signedIn;
      expect(el.step).to.equal('signed-in');
    });
  });

  describe('when the link is opened in another tab or on another device', () => {
    it('signs in with a new sign-in the link answers, and emails nothing more', async () => {
      const { el: first, link } = await requestEmail(e2e.endpoint);
      first.remove();
      await clearRequests(e2e.endpoint);

      const tab = await openInOtherTab(link);

      expect(tab.signedIn).to.deep.include({ loginId: alice, restored: false, link: true });
      expect(await operations(e2e.endpoint)).to.deep.equal(['InitiateAuth', 'RespondToAuthChallenge']);
      expect(await sentCodes(e2e.endpoint)).to.have.length(1, 'only the first email');
      expect(tab.hash, 'the fragment is gone from its address').to.equal('');
    });

    it('changes nothing when the link was fetched first, as a mail scanner does', async () => {
      const { el: first, link } = await requestEmail(e2e.endpoint);
      first.remove();
      await clearRequests(e2e.endpoint);

      const scanned = await fetch(link);
      expect(scanned.ok).to.equal(true);
      expect(await operations(e2e.endpoint), 'the GET reached no Cognito operation').to.deep.equal([]);

      expect((await openInOtherTab(link)).signedIn).to.deep.include({ link: true });
    });
  });

  describe('when the link cannot be used', () => {
    for (const [situation, spoil] of [
      ['a second time', (link: string) => link],
      ['tampered with', (link: string) => `${link.slice(0, -3)}abc`],
    ] as const) {
      it(`says so when it is used ${situation}, and signs nobody in`, async () => {
        const { el: first, link } = await requestEmail(e2e.endpoint);
        first.remove();
        sessionStorage.clear();
        if (situation === 'a second time') {
          const { el: once, log: onceLog } = await openLink(e2e.endpoint, link);
          await settled(once, onceLog);
          expect(once.step).to.equal('signed-in');
          once.remove();
          localStorage.clear();
          sessionStorage.clear();
        }

        const { el, log } = await openLink(e2e.endpoint, spoil(link));
        await settled(el, log);

        expect(el.step).to.equal('username');
        expect(log.events.find((event) => event.type === 'auth-error')?.detail).to.include({ name: 'LinkRejected' });
        expect(errorText(el)).to.match(/^This sign-in link no longer works/);
        expect(storedTokenKeys()).to.deep.equal([]);
        expect(location.hash).to.equal('');
      });
    }
  });

  describe('when the link is opened in a tab where the page is already open (only the fragment changes)', () => {
    it('answers the live challenge of the element that asked: signed in by one request, the fragment gone', async () => {
      const { el, log, link } = await requestEmail(e2e.endpoint);
      await clearRequests(e2e.endpoint);

      openInThisTab(link);
      await settled(el, log);

      expect(el.step).to.equal('signed-in');
      expect(signedInDetail(log)).to.deep.include({ loginId: alice, restored: false, link: true });
      expect(await operations(e2e.endpoint)).to.deep.equal(['RespondToAuthChallenge']);
      expect(location.hash).to.equal('');
    });

    it('signs in an element waiting on the first form', async () => {
      const { el: first, link } = await requestEmail(e2e.endpoint);
      first.remove();
      const { el, log } = await renderForEndpoint({ endpoint: e2e.endpoint });
      expect(el.step).to.equal('username');

      openInThisTab(link);
      await settled(el, log);

      expect(el.step).to.equal('signed-in');
      expect(signedInDetail(log)).to.deep.include({ loginId: alice, link: true });
      expect(location.hash).to.equal('');
    });

    it('says so on the first form when the link was used already, and signs nobody in', async () => {
      const { el: first, log: firstLog, link } = await requestEmail(e2e.endpoint);
      openInThisTab(link);
      await settled(first, firstLog);
      expect(first.step).to.equal('signed-in');
      first.remove();
      localStorage.clear();
      sessionStorage.clear();
      const { el, log } = await renderForEndpoint({ endpoint: e2e.endpoint });

      openInThisTab(link);
      await settled(el, log);

      expect(el.step).to.equal('username');
      expect(log.events.find((event) => event.type === 'auth-error')?.detail).to.include({ name: 'LinkRejected' });
      expect(errorText(el)).to.match(/^This sign-in link no longer works/);
      expect(storedTokenKeys()).to.deep.equal([]);
    });

    it('leaves a signed-in element signed in and the link unused', async () => {
      const { el, log, link } = await requestEmail(e2e.endpoint);
      submitCode(el, await latestCode(e2e.endpoint, alice));
      await settled(el, log);
      await clearRequests(e2e.endpoint);

      openInThisTab(link);
      await aTimeout(500);

      expect(el.step).to.equal('signed-in');
      expect(signedInDetail(log)).not.to.have.property('link');
      expect(await operations(e2e.endpoint)).to.deep.equal([]);
      expect(location.hash, 'taken out of the address all the same').to.equal('');
    });

    it('leaves the fragment and the sign-in alone with sign-in-link="off"', async () => {
      const { el: first, link } = await requestEmail(e2e.endpoint);
      first.remove();
      const { el } = await renderForEndpoint({ endpoint: e2e.endpoint, attributes: { 'sign-in-link': 'off' } });
      await clearRequests(e2e.endpoint);

      openInThisTab(link);
      await aTimeout(500);

      expect(location.hash).to.equal(new URL(link).hash);
      expect(el.step).to.equal('username');
      expect(await operations(e2e.endpoint)).to.deep.equal([]);
    });
  });

  describe('when someone is signed in already', () => {
    it('stays signed in and leaves the link unused', async () => {
      const { el: first, link } = await requestEmail(e2e.endpoint);
      submitCode(first, await latestCode(e2e.endpoint, alice));
      await new Promise((resolve) => first.addEventListener('auth-signed-in', resolve, { once: true }));
      first.remove();
      await clearRequests(e2e.endpoint);

      const { el, log } = await openLink(e2e.endpoint, link);
      await settled(el, log);

      expect(signedInDetail(log)).to.deep.include({ restored: true }).and.not.have.property('link');
      expect(await operations(e2e.endpoint)).to.deep.equal([]);
    });
  });

  describe('with sign-in-link="off"', () => {
    it('leaves the fragment and the sign-in alone', async () => {
      const { el: first, link } = await requestEmail(e2e.endpoint);
      first.remove();
      const { el } = await openLink(e2e.endpoint, link, { 'sign-in-link': 'off' });
      expect(el.step).to.equal('username');
      expect(location.hash).to.equal(new URL(link).hash);
    });
  });
});
