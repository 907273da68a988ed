import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import { loadTexts } from '../../src/strings.js';
import { stagingLanguages } from './support/staged-language.js';
import { FakeAuthAdapter, authError } from './support/fake-auth-adapter.js';
import {
  alice,
  detailAfter,
  errorText,
  field,
  renderAtChallenge,
  renderLogin,
  renderSignedOut,
  submit,
  signInCall,
  textOf,
  userPoolClientId,
  userPoolId,
} from './support/login-fixture.js';

/** The label of the username field and the submit button's text: enough to tell the language. */
function firstFormTexts(el: CustomAuthLogin): string[] {
  return [field(el, 'username-input').labels?.[0]?.textContent ?? '', textOf(el, 'submit-button')];
}

/**
 * Waits for the render a change to `lang` leads to: the element hears of it from a mutation observer, then
 * renders again once the table of the new language has arrived.
 */
async function rerendered(el: CustomAuthLogin, lang: string): Promise<void> {
  await aTimeout(0);
  await loadTexts(lang);
  await el.updateComplete;
}

/** `text` with every kind of space made a plain one (number formats put no-break spaces before units). */
const plainSpaces = (text: string | undefined) => text?.replace(/\s/g, ' ');

describe('<custom-auth-login> languages', () => {
  const documentLang = document.documentElement.lang;
  afterEach(() => {
    document.documentElement.lang = documentLang;
  });

  describe('when the element has a lang attribute', () => {
    const expected: Array<[string, string[]]> = [
      ['en', ['Username', 'Send code']],
      ['de', ['Benutzername', 'Code senden']],
      ['fr', ['Nom d’utilisateur', 'Envoyer le code']],
      ['es', ['Nombre de usuario', 'Enviar código']],
      ['de-AT', ['Benutzername', 'Code senden']],
      ['it', ['Username', 'Send code']],
    ];
    for (const [lang, texts] of expected) {
      it(`speaks ${lang}${lang === 'it' ? ' (not built in) as English' : ''}`, async () => {
        const { el } = await renderSignedOut({ lang });
        expect(firstFormTexts(el)).to.deep.equal(texts);
      });
    }

    it('translates the challenge, its hints and its errors', async () => {
      const { el } = await renderAtChallenge({ destination: 'a***@e***.com', codeLength: '6' }, { lang: 'fr' });
      expect(textOf(el, 'prompt')).to.equal('Saisissez le code envoyé à a***@e***.com.');
      const hints = [...el.shadowRoot!.querySelectorAll('[part~="hint"]')].map((hint) =>
        plainSpaces(hint.textContent?.trim()),
      );
      expect(hints).to.deep.equal(['Le code comporte 6 caractères.', 'Le code est valable 3 minutes.']);
      expect(textOf(el, 'restart-button')).to.equal('Utiliser un autre nom d’utilisateur');

      const detail = await detailAfter(el, 'auth-error', () => submit(el));
      expect(detail.message).to.equal('Saisissez le code.');
      expect(errorText(el)).to.equal('Saisissez le code.');
    });

    it('switches language when lang changes', async () => {
      const { el } = await renderSignedOut({ lang: 'de' });
      el.lang = 'es';
      await rerendered(el, 'es');
      expect(firstFormTexts(el)).to.deep.equal(['Nombre de usuario', 'Enviar código']);
    });
  });

  describe('when the table of its language is still on its way', () => {
    const stage = stagingLanguages();

    /** An element in `lang` whose check for a stored session `outcome` has settled. */
    async function renderChecked(lang: string, outcome: 'signed-out' | 'signed-in'): Promise<CustomAuthLogin> {
      const fake = new FakeAuthAdapter();
      const el = await renderLogin(fake, { lang });
      const check = await fake.nextCall('getCurrentUser');
      if (outcome === 'signed-in') check.resolve(alice);
      else check.reject(authError('UserUnAuthenticatedException', 'nobody'));
      await aTimeout(10);
      return el;
    }

    it('shows no English while it checks for a session, and its first form in the language from the start', async () => {
      const xa = stage('xa');
      const el = await renderChecked('xa', 'signed-out');
      expect(el.step).to.equal('loading');
      expect(textOf(el, 'status')).to.equal('');

      const detail = await detailAfter(el, 'auth-step-change', () => xa.arrive());
      expect(detail.step).to.equal('username');
      expect(firstFormTexts(el)).to.deep.equal(['xa Username', 'xa Send code']);
    });

    it('shows a stored session in the language from the start', async () => {
      const xb = stage('xb');
      const el = await renderChecked('xb', 'signed-in');
      expect(el.step).to.equal('loading');

      await detailAfter(el, 'auth-signed-in', () => xb.arrive());
      expect(textOf(el, 'signed-in')).to.contain('xb Signed in as alice@example.com.');
    });

    it('speaks English when the table cannot be fetched', async () => {
      const xc = stage('xc');
      const el = await renderChecked('xc', 'signed-out');
      await detailAfter(el, 'auth-step-change', () => xc.fail());
      expect(firstFormTexts(el)).to.deep.equal(['Username', 'Send code']);
    });

    it('renders again in the new language once its table arrives after a lang change', async () => {
      const xd = stage('xd');
      const { el } = await renderSignedOut({ lang: 'en' });
      el.lang = 'xd';
      await aTimeout(0);
      await el.updateComplete;
      expect(firstFormTexts(el)).to.deep.equal(['Username', 'Send code']);

      xd.arrive();
      await rerendered(el, 'xd');
      expect(firstFormTexts(el)).to.deep.equal(['xd Username', 'xd Send code']);
    });
  });

  describe('when only the page says which language', () => {
    it('follows the nearest ancestor’s lang', async () => {
      const fake = new FakeAuthAdapter();
      const wrapper = await fixture<HTMLElement>(html`
        <section lang="de-CH">
          <custom-auth-login user-pool-id=${userPoolId} user-pool-client-id=${userPoolClientId} .adapter=${fake}>
          </custom-auth-login>
        </section>
      `);
      const el = wrapper.querySelector('custom-auth-login')!;
      await detailAfter(el, 'auth-step-change', async () =>
        (await fake.nextCall('getCurrentUser')).reject(authError('UserUnAuthenticatedException', 'nobody')),
      );
      expect(firstFormTexts(el)).to.deep.equal(['Benutzername', 'Code senden']);

      wrapper.lang = 'fr';
      await rerendered(el, 'fr');
      expect(firstFormTexts(el)).to.deep.equal(['Nom d’utilisateur', 'Envoyer le code']);
    });

    it('follows the document’s lang, and its changes', async () => {
      document.documentElement.lang = 'es';
      const { el } = await renderSignedOut();
      expect(firstFormTexts(el)).to.deep.equal(['Nombre de usuario', 'Enviar código']);

      document.documentElement.lang = 'de';
      await rerendered(el, 'de');
      expect(firstFormTexts(el)).to.deep.equal(['Benutzername', 'Code senden']);
    });

    it('speaks English when nobody says', async () => {
      document.documentElement.removeAttribute('lang');
      const { el } = await renderSignedOut();
      expect(firstFormTexts(el)).to.deep.equal(['Username', 'Send code']);
    });
  });

  describe('when the page overrides texts with the strings property', () => {
    it('uses any subset of them, the rest staying in the element’s language', async () => {
      const { el } = await renderSignedOut({ lang: 'de' });
      el.strings = { sendCode: 'Einmalcode anfordern' };
      await el.updateComplete;
      expect(firstFormTexts(el)).to.deep.equal(['Benutzername', 'Einmalcode anfordern']);
    });

    it('replaces an error message by the error name the element reports', async () => {
      const { el, fake } = await renderSignedOut();
      el.strings = { NotAuthorizedException: 'That did not work. Call the help desk on 0800 123 456.' };
      const signIn = await signInCall(el, fake);
      const detail = await detailAfter(el, 'auth-error', () =>
        signIn.reject(authError('NotAuthorizedException', 'Incorrect username or password.')),
      );
      expect(errorText(el)).to.equal('That did not work. Call the help desk on 0800 123 456.');
      expect(detail.message).to.equal('Incorrect username or password.');
    });

    it('replaces an error message by the element’s own reason, placeholders filled in', async () => {
      const { el } = await renderSignedOut();
      el.strings = { TooLong: 'Keep it under {max}, please.' };
      field(el, 'username-input').value = 'x'.repeat(129);
      field(el, 'username-input').dispatchEvent(new InputEvent('input'));
      await detailAfter(el, 'auth-error', () => submit(el));
      expect(errorText(el)).to.equal('Keep it under 128, please.');
    });

    it('gives any language a whole table this way', async () => {
      const italian = { username: 'Nome utente', sendCode: 'Invia codice' };
      const { el } = await renderSignedOut({ lang: 'it' });
      el.strings = italian;
      await el.updateComplete;
      expect(firstFormTexts(el)).to.deep.equal(['Nome utente', 'Invia codice']);
    });

    it('shows overrides as text, never as markup', async () => {
      const { el } = await renderSignedOut();
      el.strings = { username: '<img src=x onerror="window.__injected = true">' };
      await el.updateComplete;
      expect(field(el, 'username-input').labels?.[0]?.textContent).to.equal(
        '<img src=x onerror="window.__injected = true">',
      );
      expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    });
  });

  describe('when the challenge carries its own prompt', () => {
    it('shows it as given, whatever the language', async () => {
      const { el } = await renderAtChallenge({ prompt: 'Code from your badge, please' }, { lang: 'de' });
      expect(textOf(el, 'prompt')).to.equal('Code from your badge, please');
    });
  });
});
