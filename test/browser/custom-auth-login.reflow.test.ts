// <custom-auth-login> on small screens and zoomed in: WCAG 2.2 reflow (1.4.10: no horizontal scroll at 320 CSS
// px wide, which is also what 400 % zoom leaves of a 1280 px window), target size (2.5.8: at least 24 × 24 px)
// and text spacing (1.4.12: a reader's wider line, letter, word and paragraph spacing clips no text).
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import { customChallenge } from './support/fake-auth-adapter.js';
import {
  answerCall,
  answerChallenge,
  detailAfter,
  renderAtChallenge,
  renderSignedIn,
  type LoginOptions,
} from './support/login-fixture.js';

/** A sign-in name as long as real ones get, with nowhere to break a line. */
const longDestination = 'jonathan.christopher.richardson@internationalbusinessmachines.com';

/** The challenge step after a wrong code, for a user with a long address: every text of the form at once. */
async function renderBusiestStep(options: LoginOptions = {}): Promise<CustomAuthLogin> {
  const { el, fake } = await renderAtChallenge({ destination: longDestination, codeLength: '6' }, options);
  const answer = await answerCall(el, fake, '000000');
  await detailAfter(el, 'auth-error', () => answer.resolve(customChallenge({ attemptsLeft: '2' })));
  return el;
}

/** What the element renders: its parts and everything else, in its shadow root or in itself. */
const rendered = (el: CustomAuthLogin) =>
  [...(el.shadowRoot ?? el).querySelectorAll<HTMLElement>('*')].filter(
    (node) => node.localName !== 'slot' && getComputedStyle(node).display !== 'none',
  );

/** Holds text of its own (not only other elements). */
const hasText = (node: Element) =>
  [...node.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && child.textContent?.trim());

/** The element, and each of its texts, whose content is wider or taller than its box: text cut off or spilling. */
const overflowing = (el: CustomAuthLogin) =>
  [el, ...rendered(el).filter(hasText)]
    .filter((node) => node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1)
    .map((node) => node.getAttribute('part') ?? node.localName);

/** The page scrolls sideways. */
const scrollsSideways = () => document.documentElement.scrollWidth > document.documentElement.clientWidth;

/** A reader's text spacing, as the WCAG 1.4.12 test bookmarklets apply it to every element. */
const textSpacing = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

describe('<custom-auth-login> on small screens and zoomed in', () => {
  after(() => setViewport({ width: 800, height: 600 }));

  for (const [mode, noShadow] of [
    ['shadow', false],
    ['no-shadow', true],
  ] as const) {
    describe(`in ${mode} mode, 320 CSS px wide (or 400 % zoom)`, () => {
      beforeEach(() => setViewport({ width: 320, height: 640 }));

      it('needs no horizontal scrolling and cuts no text on the challenge step', async () => {
        const el = await renderBusiestStep({ noShadow });
        expect(scrollsSideways(), 'the page scrolls sideways').to.be.false;
        expect(overflowing(el)).to.deep.equal([]);
      });

      it('needs no horizontal scrolling and cuts no text when signed in with a long name', async () => {
        const { el, fake } = await renderAtChallenge(undefined, { noShadow });
        await answerChallenge(el, fake, { username: 'u-1', userId: 'u-1', loginId: longDestination });
        await el.updateComplete;
        expect(scrollsSideways(), 'the page scrolls sideways').to.be.false;
        expect(overflowing(el)).to.deep.equal([]);
      });

      it('offers targets of at least 24 × 24 px', async () => {
        const targets = [
          ...rendered(await renderBusiestStep({ noShadow })),
          ...rendered((await renderSignedIn({ noShadow })).el),
        ].filter((node) => ['input', 'button'].includes(node.localName));
        expect(targets.length).to.equal(5);
        for (const target of targets) {
          const { width, height } = target.getBoundingClientRect();
          expect(Math.min(width, height), target.getAttribute('part')!).to.be.at.least(24);
        }
      });
    });

    describe(`in ${mode} mode, with a reader's text spacing`, () => {
      let spacing: HTMLStyleElement;
      beforeEach(async () => {
        await setViewport({ width: 320, height: 640 });
        spacing = await fixture(
          html`<style>
            ${textSpacing}
          </style>`,
        );
      });
      afterEach(() => spacing.remove());

      it('cuts no text and needs no horizontal scrolling', async () => {
        const el = await renderBusiestStep({ noShadow });
        expect(getComputedStyle(el).letterSpacing).to.not.equal('normal', 'the spacing applies');
        expect(scrollsSideways(), 'the page scrolls sideways').to.be.false;
        expect(overflowing(el)).to.deep.equal([]);
      });
    });
  }
});
