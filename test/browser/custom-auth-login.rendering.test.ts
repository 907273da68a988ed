import { expect, oneEvent } from '@open-wc/testing';
import { CustomAuthLogin, tagName } from '../../src/custom-auth-login.js';
import { FakeAuthAdapter, authError } from './support/fake-auth-adapter.js';
import { errorText, field, renderAtChallenge, renderLogin, submit, textOf, typeInto } from './support/login-fixture.js';

/** Markup that runs script or adds elements if it is ever parsed as HTML. */
const attack = '<img src="x" onerror="window.__injected = true"><b id="injected">bold</b>';

declare global {
  interface Window {
    __injected?: boolean;
  }
}

describe('<custom-auth-login> rendering', () => {
  afterEach(() => {
    delete window.__injected;
  });

  describe('when the server sends markup', () => {
    it('shows challenge parameters as text', async () => {
      const { el } = await renderAtChallenge({ destination: attack, codeLength: '6' });
      expect(el.shadowRoot!.textContent).to.contain(`Enter the code we sent to ${attack}.`);
      expect(el.shadowRoot!.querySelector('img, #injected')).to.equal(null);
    });

    it('shows a custom prompt as text', async () => {
      const { el } = await renderAtChallenge({ prompt: attack });
      expect(textOf(el, 'prompt')).to.equal(attack);
      expect(el.shadowRoot!.querySelector('img, #injected')).to.equal(null);
    });

    it('ignores a code length that is not a number', async () => {
      const { el } = await renderAtChallenge({ codeLength: attack });
      expect(el.shadowRoot!.querySelectorAll('[part~="hint"]')).to.have.length(1, 'only the lifetime hint');
      expect(el.shadowRoot!.querySelector('img, #injected')).to.equal(null);
    });

    it('shows the username as text', async () => {
      const fake = new FakeAuthAdapter();
      const el = await renderLogin(fake);
      const signedIn = oneEvent(el, 'auth-signed-in');
      (await fake.nextCall('getCurrentUser')).resolve({ username: attack, userId: 'user-1' });
      await signedIn;
      expect(el.shadowRoot!.textContent).to.contain(`Signed in as ${attack}.`);
      expect(el.shadowRoot!.querySelector('img, #injected')).to.equal(null);
    });

    it('never shows the server’s error message, only its own explanation', async () => {
      const { el, fake } = await renderAtChallenge();
      typeInto(field(el, 'code-input'), '123456');
      submit(el);
      const reported = oneEvent(el, 'auth-error');
      (await fake.nextCall('confirmSignIn')).reject(authError('UserLambdaValidationException', attack));
      await reported;
      expect(errorText(el)).to.equal('Something went wrong. Please try again.');
      expect(el.shadowRoot!.querySelector('img, #injected')).to.equal(null);
      expect(window.__injected).to.equal(undefined);
    });
  });

  describe('when the element is registered', () => {
    it('defines the tag', () => {
      expect(customElements.get(tagName)).to.equal(CustomAuthLogin);
    });

    it('survives its module being loaded a second time', async () => {
      // A new URL makes the browser evaluate the registration module again, as a second script tag would.
      await import(`../../src/custom-auth-login.ts?second-copy=${Date.now()}`);
      expect(customElements.get(tagName)).to.equal(CustomAuthLogin);
    });
  });
});
