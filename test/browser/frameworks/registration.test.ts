// A page may end up with several copies of the element: two script tags, a CDN bundle next to an app's own
// build. Every copy after the first must load without throwing and leave the first definition in place.
// These tests load the built script-tag bundle (`npm run build` makes it), so they also show that the
// minified bundle renders and signs in.
import { expect, fixture, html } from '@open-wc/testing';
import type * as ElementModule from '../../../src/custom-auth-login.js';
import { FakeAuthAdapter } from '../support/fake-auth-adapter.js';
import { answerChallenge, answerNoSession, reachChallenge } from '../support/fake-steps.js';
import { partOf, stepAfter } from '../support/login-driver.js';

type LoadedModule = typeof ElementModule;

/** Imports one more copy of the built bundle: a different URL is a different module instance. */
function loadBundle(copy: string): Promise<LoadedModule> {
  const url = `/dist/custom-auth-login.js?copy=${copy}`;
  return import(url) as Promise<LoadedModule>;
}

describe('several copies of the element on one page', () => {
  let first: LoadedModule;

  before(async () => {
    first = await loadBundle('first');
  });

  it('registers the first copy loaded', () => {
    expect(customElements.get('custom-auth-login')).to.equal(first.CustomAuthLogin);
  });

  describe('when the bundle is loaded a second time', () => {
    it('loads without throwing and keeps the first definition', async () => {
      const second = await loadBundle('second');
      expect(second).not.to.equal(first);
      expect(second.CustomAuthLogin).not.to.equal(first.CustomAuthLogin);
      expect(customElements.get('custom-auth-login')).to.equal(first.CustomAuthLogin);
    });
  });

  describe('when the bundler build is loaded after the bundle', () => {
    it('loads without throwing and keeps the first definition', async () => {
      const sources = await import('../../../src/custom-auth-login.js');
      expect(sources.tagName).to.equal('custom-auth-login');
      expect(customElements.get('custom-auth-login')).to.equal(first.CustomAuthLogin);
    });
  });

  describe('when the minified bundle renders the element', () => {
    it('is accessible and takes a user through a sign-in', async () => {
      const fake = new FakeAuthAdapter();
      const el = await fixture<ElementModule.CustomAuthLogin>(html`
        <custom-auth-login user-pool-id="local_devpool" user-pool-client-id="localdevclient" .adapter=${fake}>
        </custom-auth-login>
      `);
      expect(el).to.be.instanceOf(first.CustomAuthLogin);
      expect(await answerNoSession(el, fake)).to.equal('username');
      await expect(el).to.be.accessible();
      expect(await reachChallenge(el, fake, 'alice@example.com')).to.equal('challenge');
      expect(partOf(el, 'code-input').getAttribute('autocomplete')).to.equal('one-time-code');
      expect(await stepAfter(el, () => void answerChallenge(el, fake, 'alice@example.com'))).to.equal('signed-in');
    });
  });
});
