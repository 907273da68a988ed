// <custom-auth-login> on a right-to-left page (`<html lang="ar" dir="rtl">`): the page's direction places the
// element, the language the element actually speaks sets the direction and number formats of its texts.
import { expect, waitUntil } from '@open-wc/testing';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import type { StringOverrides } from '../../src/strings.js';
import { field, partOf, reachChallenge, renderSignedOut, textOf, type LoginOptions } from './support/login-fixture.js';

/** The Arabic texts a page supplies for the parts these specs look at. */
const arabic: StringOverrides = {
  username: 'اسم المستخدم',
  sendCode: 'إرسال الرمز',
  code: 'الرمز',
  signIn: 'تسجيل الدخول',
  lifetime: 'الرمز صالح لمدة {duration}.',
};

/** The hint saying how long the code stays valid: the last hint. */
const lifetimeHint = (el: CustomAuthLogin) =>
  [...(el.shadowRoot ?? el).querySelectorAll('[part~="hint"]')].at(-1)?.textContent?.trim().replace(/\s/g, ' ');

/** The language in effect at `node` (its own or nearest ancestor's `lang`, across shadow roots). */
function languageAt(node: Element): string {
  const marked = node.closest('[lang]');
  if (marked) return marked.getAttribute('lang')!;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? languageAt(root.host) : '';
}

/** The element on its challenge step, in a 600 px wide container, with the page's `strings` if given. */
async function renderAtChallengeIn(options: LoginOptions, strings?: StringOverrides): Promise<CustomAuthLogin> {
  const { el, fake } = await renderSignedOut(options);
  el.parentElement!.style.width = '600px';
  if (strings) {
    el.strings = strings;
    await el.updateComplete;
  }
  await reachChallenge(el, fake);
  return el;
}

describe('<custom-auth-login> on a right-to-left page', () => {
  const { lang, dir } = document.documentElement;
  beforeEach(() => {
    document.documentElement.lang = 'ar';
    document.documentElement.dir = 'rtl';
  });
  afterEach(() => {
    document.documentElement.lang = lang;
    document.documentElement.dir = dir;
  });

  for (const [mode, noShadow] of [
    ['shadow', false],
    ['no-shadow', true],
  ] as const) {
    describe(`in a language it does not ship, in ${mode} mode`, () => {
      it('is accessible, its English marked as English', async () => {
        const el = await renderAtChallengeIn({ noShadow });
        await expect(el).to.be.accessible();
        expect(languageAt(partOf(el, 'form'))).to.equal('en');
      });

      it('writes its English fallback left to right, full stops at the end', async () => {
        const el = await renderAtChallengeIn({ noShadow });
        expect(textOf(el, 'prompt')).to.equal('Enter the code we sent to a***@e***.com.');
        for (const name of ['prompt', 'code-input', 'hint', 'submit-button', 'error'])
          expect(getComputedStyle(partOf(el, name)).direction, name).to.equal('ltr');
      });

      it('formats the duration in English units', async () => {
        const el = await renderAtChallengeIn({ noShadow });
        expect(lifetimeHint(el)).to.equal('The code is valid for 3 minutes.');
      });

      it('is still placed by the page: at the right edge of its container', async () => {
        const el = await renderAtChallengeIn({ noShadow });
        expect(getComputedStyle(el).direction).to.equal('rtl');
        expect(el.getBoundingClientRect().right).to.equal(el.parentElement!.getBoundingClientRect().right);
        expect(el.getBoundingClientRect().width).to.be.below(600);
      });
    });

    describe(`in a language it ships (German, the element's lang), in ${mode} mode`, () => {
      it('writes German left to right, as German is written', async () => {
        const el = await renderAtChallengeIn({ noShadow });
        el.lang = 'de';
        await waitUntil(() => languageAt(partOf(el, 'form')) === 'de', 'the German texts never arrived');
        for (const name of ['prompt', 'code-input', 'hint', 'submit-button'])
          expect(getComputedStyle(partOf(el, name)).direction, name).to.equal('ltr');
      });
    });

    describe(`translated into Arabic through strings, in ${mode} mode`, () => {
      it('is accessible', async () => {
        const el = await renderAtChallengeIn({ noShadow }, arabic);
        await expect(el).to.be.accessible();
      });

      it('writes right to left, in the page’s language', async () => {
        const el = await renderAtChallengeIn({ noShadow }, arabic);
        expect(field(el, 'code-input').labels?.[0]?.textContent).to.equal('الرمز');
        expect(languageAt(partOf(el, 'form'))).to.equal('ar');
        for (const name of ['prompt', 'code-input', 'hint', 'submit-button'])
          expect(getComputedStyle(partOf(el, name)).direction, name).to.equal('rtl');
      });

      it('formats the duration in Arabic', async () => {
        const el = await renderAtChallengeIn({ noShadow }, arabic);
        const minutes = new Intl.NumberFormat('ar', { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(3);
        expect(lifetimeHint(el)).to.equal(`الرمز صالح لمدة ${minutes}.`.replace(/\s/g, ' '));
      });
    });
  }
});
