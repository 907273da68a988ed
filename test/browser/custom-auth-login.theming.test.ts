import { expect, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import { customChallenge } from './support/fake-auth-adapter.js';
import {
  detailAfter,
  field,
  part,
  renderAtChallenge,
  renderLogin,
  renderSignedIn,
  renderSignedOut,
  submit,
  answerCall,
} from './support/login-fixture.js';
import { FakeAuthAdapter } from './support/fake-auth-adapter.js';

const light = { backgroundColor: 'rgb(255, 255, 255)', color: 'rgb(31, 35, 40)' };
const dark = { backgroundColor: 'rgb(22, 27, 34)', color: 'rgb(230, 237, 243)' };

/** The element's background and text colour as the page draws them. */
function colours(el: HTMLElement) {
  const { backgroundColor, color } = getComputedStyle(el);
  return { backgroundColor, color };
}

/** The named slots in the element's shadow root. */
const slotNames = (el: CustomAuthLogin) => [...el.shadowRoot!.querySelectorAll('slot')].map((slot) => slot.name).sort();

describe('<custom-auth-login> theming', () => {
  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    await emulateMedia({ colorScheme: 'light' });
  });

  describe('by default', () => {
    it('is a light card on light pages', async () => {
      const { el } = await renderSignedOut();
      const { backgroundColor, color, borderTopStyle } = getComputedStyle(el);
      expect({ backgroundColor, color, borderTopStyle }).to.deep.equal({
        backgroundColor: 'rgb(255, 255, 255)',
        color: 'rgb(31, 35, 40)',
        borderTopStyle: 'solid',
      });
    });

    it('stays light on a dark system when the page does not ask for dark', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      const { el } = await renderSignedOut();
      expect(colours(el)).to.deep.equal(light);
    });
  });

  describe('when the page asks for dark', () => {
    it('turns dark under color-scheme: dark on the page, and stays readable', async () => {
      document.documentElement.style.colorScheme = 'dark';
      const { el, fake } = await renderAtChallenge();
      const answer = await answerCall(el, fake, '000000');
      await detailAfter(el, 'auth-error', () => answer.resolve(customChallenge({ attemptsLeft: '2' })));
      expect(colours(el)).to.deep.equal(dark);
      // axe checks the contrast of every text, the error included.
      await expect(el).to.be.accessible();
    });

    it('turns dark under an ancestor with color-scheme: dark', async () => {
      const { el } = await renderSignedOut();
      const darkBox = document.createElement('div');
      darkBox.style.colorScheme = 'dark';
      el.before(darkBox);
      darkBox.append(el);
      expect(colours(el)).to.deep.equal(dark);
    });

    it('follows the system on a page that offers both (color-scheme: light dark)', async () => {
      document.documentElement.style.colorScheme = 'light dark';
      const { el } = await renderSignedOut();
      await emulateMedia({ colorScheme: 'dark' });
      expect(colours(el)).to.deep.equal(dark);
      await emulateMedia({ colorScheme: 'light' });
      expect(colours(el)).to.deep.equal(light);
    });
  });

  describe('when the page sets the custom properties', () => {
    it('uses them for colours, font, radius and spacing', async () => {
      const { el } = await renderSignedOut();
      const properties: Record<string, string> = {
        '--cal-text-color': 'rgb(1, 2, 3)',
        '--cal-background': 'rgb(250, 240, 230)',
        '--cal-accent': 'rgb(100, 50, 200)',
        '--cal-accent-text': 'rgb(255, 255, 0)',
        '--cal-border-color': 'rgb(9, 9, 9)',
        '--cal-font-family': 'Georgia, serif',
        '--cal-font-size': '20px',
        '--cal-radius': '0px',
        '--cal-spacing': '4px',
      };
      for (const [name, value] of Object.entries(properties)) el.style.setProperty(name, value);

      const host = getComputedStyle(el);
      const input = getComputedStyle(field(el, 'username-input'));
      const button = getComputedStyle(part(el, 'submit-button')!);
      const form = getComputedStyle(part(el, 'form')!);
      expect({
        color: host.color,
        background: host.backgroundColor,
        fontFamily: host.fontFamily,
        fontSize: host.fontSize,
        padding: host.paddingTop,
        inputBorder: input.borderTopColor,
        inputRadius: input.borderTopLeftRadius,
        buttonBackground: button.backgroundColor,
        buttonText: button.color,
        gap: form.rowGap,
      }).to.deep.equal({
        color: 'rgb(1, 2, 3)',
        background: 'rgb(250, 240, 230)',
        fontFamily: 'Georgia, serif',
        fontSize: '20px',
        padding: '6px',
        inputBorder: 'rgb(9, 9, 9)',
        inputRadius: '0px',
        buttonBackground: 'rgb(100, 50, 200)',
        buttonText: 'rgb(255, 255, 0)',
        gap: '4px',
      });
    });

    it('colours the error, and the border of the field to fix, with --cal-error-color', async () => {
      const { el } = await renderSignedOut();
      el.style.setProperty('--cal-error-color', 'rgb(200, 0, 0)');
      await detailAfter(el, 'auth-error', () => submit(el));
      expect(getComputedStyle(part(el, 'error')!).color).to.equal('rgb(200, 0, 0)');
      // The border eases into its new colour.
      await oneEvent(field(el, 'username-input'), 'transitionend');
      expect(getComputedStyle(field(el, 'username-input')).borderTopColor).to.equal('rgb(200, 0, 0)');
    });

    it('lets them win over the dark defaults', async () => {
      document.documentElement.style.colorScheme = 'dark';
      const { el } = await renderSignedOut();
      el.style.setProperty('--cal-background', 'rgb(250, 240, 230)');
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(250, 240, 230)');
    });
  });

  describe('parts', () => {
    it('names every piece of every step', async () => {
      const partsOf = (el: CustomAuthLogin) =>
        [...el.shadowRoot!.querySelectorAll('[part]')].map((node) => node.getAttribute('part')).sort();
      expect(partsOf((await renderSignedOut({ authFlow: 'custom-with-srp' })).el)).to.deep.equal(
        ['error', 'form', 'password-input', 'signed-in-view', 'status', 'submit-button', 'username-input'].sort(),
      );
      expect(partsOf((await renderAtChallenge({ codeLength: '6' })).el)).to.deep.equal(
        [
          'code-input',
          'error',
          'form',
          'hint',
          'hint',
          'prompt',
          'resend-button',
          'restart-button',
          'signed-in-view',
          'status',
          'submit-button',
        ].sort(),
      );
      expect(partsOf((await renderSignedIn()).el)).to.deep.equal(
        ['error', 'sign-out-button', 'signed-in', 'signed-in-view', 'status'].sort(),
      );
    });
  });

  describe('slots', () => {
    it('offers header, footer and signed-in on every step', async () => {
      const expected = ['footer', 'header', 'signed-in'];
      expect(slotNames(await renderLogin(new FakeAuthAdapter()))).to.deep.equal(expected);
      expect(slotNames((await renderSignedOut()).el)).to.deep.equal(expected);
      expect(slotNames((await renderAtChallenge()).el)).to.deep.equal(expected);
      expect(slotNames((await renderSignedIn()).el)).to.deep.equal(expected);
    });
  });
});
