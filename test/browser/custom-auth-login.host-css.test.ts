// <custom-auth-login> on pages styled by the CSS frameworks sites actually use: in both render modes, the element
// looks exactly as it does on a blank page, whatever the framework's reset does to every element it can reach.
import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { CustomAuthLogin } from '../../src/custom-auth-login.js';
import { customChallenge } from './support/fake-auth-adapter.js';
import { answerCall, detailAfter, field, renderAtChallenge, renderSignedIn } from './support/login-fixture.js';

/** Real, installed copies of each framework's stylesheet, as a site links them. */
const hostStylesheets = {
  // `@import "tailwindcss";` compiled by the installed compiler: its theme variables and preflight reset.
  'Tailwind CSS': '/__host-css/tailwind.css',
  'Bootstrap 5': '/node_modules/bootstrap/dist/css/bootstrap.min.css',
  'Pico CSS': '/node_modules/@picocss/pico/css/pico.min.css',
  'modern-normalize': '/node_modules/modern-normalize/modern-normalize.css',
} as const;

/** What makes the element look the way it does, for itself and each element it renders. */
const looks = [
  'display',
  'boxSizing',
  'color',
  'backgroundColor',
  'backgroundImage',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'borderTopStyle',
  'borderTopColor',
  'borderTopLeftRadius',
  'paddingTop',
  'paddingLeft',
  'marginTop',
  'marginBottom',
  'fontFamily',
  'fontSize',
  'fontWeight',
  'lineHeight',
  'letterSpacing',
  'textTransform',
  'textDecorationLine',
  'textAlign',
  'boxShadow',
  'outlineStyle',
  'outlineWidth',
  'outlineColor',
  'outlineOffset',
  'opacity',
  'appearance',
] as const;

const round = (value: number) => Math.round(value * 2) / 2;

/** Position and size relative to the element's own box, and the computed look. */
function lookOfNode(node: Element, origin: DOMRect): Record<string, string | number> {
  const box = node.getBoundingClientRect();
  const style = getComputedStyle(node);
  // A hidden element has no place to compare.
  const described: Record<string, string | number> =
    style.display === 'none'
      ? {}
      : {
          x: round(box.x - origin.x),
          y: round(box.y - origin.y),
          width: round(box.width),
          height: round(box.height),
        };
  for (const name of looks) described[name] = style[name];
  return described;
}

type Look = Record<string, Record<string, string | number>>;

/** The element and everything it renders, each under a readable name. */
function lookOf(el: CustomAuthLogin): Look {
  const origin = el.getBoundingClientRect();
  const look: Look = { host: lookOfNode(el, origin) };
  const content = el.shadowRoot ?? el;
  content.querySelectorAll('*').forEach((node, index) => {
    if (node.localName === 'slot' || node.localName === 'style') return;
    look[`${index} ${node.getAttribute('part') ?? node.localName}`] = lookOfNode(node, origin);
  });
  const error = (el.shadowRoot ?? el).querySelector('[part~="error"]');
  if (error) look['error sign'] = { content: getComputedStyle(error, '::before').content };
  return look;
}

/** Every way `after` differs from `before`, one readable line each; empty when they look the same. */
function differences(before: Look, after: Look): string[] {
  return Object.entries(before).flatMap(([name, properties]) =>
    Object.entries(properties).flatMap(([property, value]) =>
      after[name]?.[property] === value ? [] : [`${name} ${property}: ${value} → ${after[name]?.[property]}`],
    ),
  );
}

/**
 * Saves a picture of the element and its surroundings when the run asks for them
 * (`HOST_CSS_SCREENSHOTS=<folder> npx wtr --group default --files <this file>`).
 */
async function screenshot(el: CustomAuthLogin, name: string): Promise<void> {
  const shown = el.parentElement!;
  shown.dataset.screenshot = '';
  await executeServerCommand('host-css-screenshot', { name });
  delete shown.dataset.screenshot;
}

async function addStylesheet(href: string): Promise<HTMLLinkElement> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise((resolve, reject) => {
    link.addEventListener('load', resolve);
    link.addEventListener('error', () => reject(new Error(`cannot load ${href}`)));
  });
  document.head.append(link);
  await loaded;
  return link;
}

/** The challenge step after a wrong code, the code field focused: every part but the signed-in view. */
async function renderBusiestStep(noShadow: boolean): Promise<CustomAuthLogin> {
  const { el, fake } = await renderAtChallenge(undefined, { noShadow });
  const answer = await answerCall(el, fake, '000000');
  await detailAfter(el, 'auth-error', () => answer.resolve(customChallenge({ attemptsLeft: '2' })));
  field(el, 'code-input').focus();
  await el.updateComplete;
  return el;
}

describe('<custom-auth-login> on pages styled by CSS frameworks', () => {
  before(async () => {
    // Transitions would catch the look mid-way; Pico's root font grows on wide screens (see the last spec).
    await emulateMedia({ reducedMotion: 'reduce' });
    await setViewport({ width: 560, height: 900 });
  });
  after(() => emulateMedia({ reducedMotion: 'no-preference' }));

  for (const [mode, noShadow] of [
    ['shadow', false],
    ['no-shadow', true],
  ] as const) {
    describe(`in ${mode} mode`, () => {
      for (const [framework, href] of Object.entries(hostStylesheets)) {
        it(`looks as on a blank page under ${framework}: frame, spacing, fonts, fields, buttons, focus ring`, async () => {
          const el = await renderBusiestStep(noShadow);
          const blank = lookOf(el);
          await screenshot(el, `${mode} challenge blank`);
          const link = await addStylesheet(href);
          try {
            await screenshot(el, `${mode} challenge ${framework}`);
            expect(differences(blank, lookOf(el))).to.deep.equal([]);
          } finally {
            link.remove();
          }
        });

        it(`shows the signed-in view as on a blank page under ${framework}`, async () => {
          const { el } = await renderSignedIn({ noShadow });
          const blank = lookOf(el);
          await screenshot(el, `${mode} signed-in blank`);
          const link = await addStylesheet(href);
          try {
            await screenshot(el, `${mode} signed-in ${framework}`);
            expect(differences(blank, lookOf(el))).to.deep.equal([]);
          } finally {
            link.remove();
          }
        });
      }
    });
  }
});
