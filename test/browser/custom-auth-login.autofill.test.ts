import { expect, fixture, html } from '@open-wc/testing';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import { FakeAuthAdapter } from './support/fake-auth-adapter.js';
import {
  field,
  part,
  renderAtChallenge,
  renderLogin,
  renderSignedIn,
  renderSignedOut,
  submit,
  answerCall,
  userPoolClientId,
  userPoolId,
} from './support/login-fixture.js';

/** The stylesheets `root` adopted that style `no-shadow` elements. */
const lightDomSheets = (root: DocumentOrShadowRoot) =>
  root.adoptedStyleSheets.filter((sheet) =>
    [...sheet.cssRules].some((rule) => rule.cssText.startsWith('custom-auth-login[no-shadow]')),
  );

describe('<custom-auth-login> autofill and password managers', () => {
  it('tells password managers and one-time-code autofill what each field holds', async () => {
    const { el } = await renderSignedOut({ authFlow: 'custom-with-srp' });
    expect(field(el, 'username-input').getAttribute('autocomplete')).to.equal('username');
    expect(field(el, 'password-input').getAttribute('autocomplete')).to.equal('current-password');
    expect(field(el, 'password-input').type).to.equal('password');

    const code = field((await renderAtChallenge()).el, 'code-input');
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(code.inputMode).to.equal('numeric');
  });

  it('asks for the code in one field with no length limit (split boxes and limits break autofill and pasting)', async () => {
    const { el } = await renderAtChallenge({ codeLength: '6' });
    const inputs = el.shadowRoot!.querySelectorAll('form input');
    expect(inputs).to.have.length(1);
    expect(inputs[0]!.hasAttribute('maxlength')).to.equal(false);
  });

  describe('when the code is typed or pasted in groups', () => {
    for (const typed of ['123 456', '123-456', ' 12 34 56 ', '123\u00a0456']) {
      it(`sends "${typed}" as 123456`, async () => {
        const { el, fake } = await renderAtChallenge();
        expect((await answerCall(el, fake, typed)).input).to.equal('123456');
      });
    }
  });

  describe('when the challenge says the answer is free text', () => {
    it('offers the ordinary keyboard and sends the answer as typed, only trimmed', async () => {
      const { el, fake } = await renderAtChallenge({ answerType: 'text', prompt: 'Which city were you born in?' });
      expect(field(el, 'code-input').hasAttribute('inputmode')).to.equal(false);
      expect((await answerCall(el, fake, ' Saint-Denis de la Réunion ')).input).to.equal('Saint-Denis de la Réunion');
    });
  });

  describe('when rendered without a shadow root (no-shadow)', () => {
    it('puts the form in the page, where password managers look for it', async () => {
      const { el } = await renderSignedOut({ noShadow: true, authFlow: 'custom-with-srp' });
      expect(el.shadowRoot).to.equal(null);
      expect(document.querySelector('custom-auth-login input[autocomplete=username]')).to.equal(
        field(el, 'username-input'),
      );
      expect(document.querySelector('custom-auth-login input[autocomplete=current-password]')).to.equal(
        field(el, 'password-input'),
      );
      expect(el.querySelector('form')?.contains(field(el, 'password-input'))).to.equal(true);
    });

    it('renders the same markup as with a shadow root, each part also a cal- class', async () => {
      const shadowed = (await renderAtChallenge()).el;
      const light = (await renderAtChallenge(undefined, { noShadow: true })).el;
      const parts = (root: ParentNode) =>
        [...root.querySelectorAll('[part]')].map((node) => `${node.localName}[part=${node.getAttribute('part')}]`);
      expect(parts(light)).to.deep.equal(parts(shadowed.shadowRoot!));
      for (const node of light.querySelectorAll('[part]')) {
        for (const name of node.getAttribute('part')!.split(' '))
          expect(node.classList.contains(`cal-${name}`)).to.equal(true);
      }
      expect(light.querySelector('input.cal-code-input[autocomplete=one-time-code]')).to.equal(
        field(light, 'code-input'),
      );
    });

    it('is still styled, by one stylesheet the document adopts however many elements there are', async () => {
      const first = (await renderSignedOut({ noShadow: true })).el;
      await renderSignedOut({ noShadow: true });
      expect(lightDomSheets(document)).to.have.length(1);
      // Adopted, not a style element: a Content Security Policy without 'unsafe-inline' styles lets it apply.
      const styleElements = [...document.querySelectorAll('style')];
      expect(styleElements.filter((style) => style.textContent?.includes('custom-auth-login'))).to.deep.equal([]);

      first.style.setProperty('--cal-accent', 'rgb(10, 120, 60)');
      expect(getComputedStyle(part(first, 'submit-button')!).backgroundColor).to.equal('rgb(10, 120, 60)');
      expect(getComputedStyle(first).display).to.equal('block');
    });

    it('keeps its styles to itself', async () => {
      await renderSignedOut({ noShadow: true });
      const pageButton = await fixture<HTMLButtonElement>(html`<button>Page button</button>`);
      expect(getComputedStyle(pageButton).backgroundColor).to.not.equal('rgb(31, 95, 191)');
    });

    it('styles itself inside another shadow root too', async () => {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const root = host.attachShadow({ mode: 'open' });
      const el = document.createElement('custom-auth-login');
      el.setAttribute('no-shadow', '');
      el.setAttribute('user-pool-id', userPoolId);
      el.setAttribute('user-pool-client-id', userPoolClientId);
      el.adapter = new FakeAuthAdapter();
      root.append(el);
      await el.updateComplete;
      expect(lightDomSheets(root)).to.have.length(1);
      expect(getComputedStyle(el).display).to.equal('block');
    });

    it('works the same: a submit starts the sign-in with the typed username', async () => {
      const { el, fake } = await renderSignedOut({ noShadow: true });
      field(el, 'username-input').value = 'alice@example.com';
      field(el, 'username-input').dispatchEvent(new InputEvent('input'));
      submit(el);
      expect((await fake.nextCall('signIn')).input.username).to.equal('alice@example.com');
    });

    it('gives two elements on one page distinct ids, so each label names its own field', async () => {
      const first = (await renderSignedOut({ noShadow: true })).el;
      const second = (await renderSignedOut({ noShadow: true })).el;
      expect(field(first, 'username-input').id).to.not.equal(field(second, 'username-input').id);
      expect(field(second, 'username-input').labels?.[0]?.closest('custom-auth-login')).to.equal(second);
    });

    it('leaves the page’s children where they are, ahead of its own content, slot attribute or not', async () => {
      const el = await fixture<CustomAuthLogin>(html`
        <custom-auth-login
          no-shadow
          user-pool-id=${userPoolId}
          user-pool-client-id=${userPoolClientId}
          .adapter=${new FakeAuthAdapter()}
        >
          <h2 slot="header">Sign in to Example</h2>
        </custom-auth-login>
      `);
      expect(el.firstElementChild?.textContent).to.equal('Sign in to Example');
      const position = el.firstElementChild!.compareDocumentPosition(part(el, 'error')!);
      expect(position & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    });

    it('shows the default signed-in view', async () => {
      const { el } = await renderSignedIn({ noShadow: true });
      expect(part(el, 'signed-in')?.textContent).to.contain('Signed in as alice@example.com.');
    });

    it('reads no-shadow once: adding it later changes nothing', async () => {
      const el = await renderLogin(new FakeAuthAdapter());
      el.noShadow = true;
      await el.updateComplete;
      expect(el.shadowRoot).to.not.equal(null);
      expect(el.querySelector('form')).to.equal(null);
    });
  });
});
