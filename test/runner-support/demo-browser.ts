/**
 * Drives the demo page in headless Chromium the way a person would: types into the element's fields, reads the
 * code from the page's development inbox panel, submits. Shared by the start script's tests and the screenshot
 * script, so both exercise exactly the same path.
 *
 * The browser is driven through puppeteer-core (the Chromium driver the test runner's launcher already uses).
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
// @ts-expect-error -- a plain .mjs module without type declarations; it returns a path or undefined.
import { findBrowser } from '../../scripts/ensure-browser.mjs';

/** Headless flags: root needs --no-sandbox; the rest keep the browser away from the network. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type DemoFlow = 'custom-without-srp' | 'custom-with-srp';

/** The moments of a sign-in worth a picture. */
export type DemoMoment = 'username' | 'challenge' | 'wrong-code' | 'signed-in';

export interface DemoSignIn {
  readonly flow: DemoFlow;
  readonly username: string;
  /** Required for `custom-with-srp`. */
  readonly password?: string;
  /** Called at each moment, after the page shows it (e.g. to take a screenshot). */
  readonly at?: (moment: DemoMoment, page: Page) => Promise<void>;
}

/** What the page showed at the end. */
export interface DemoSignInResult {
  /** The ID token claims as the page's claims panel lists them. */
  readonly claims: Readonly<Record<string, string>>;
  /** What the demo server's `GET /api/me` answered, as the page's "What the server saw" panel shows it. */
  readonly serverCheck: { readonly status: string; readonly fields: Readonly<Record<string, string>> };
  /** The text of the element's error part after the wrong code. */
  readonly wrongCodeMessage: string;
  /** The event names in the page's event log, oldest first. */
  readonly events: readonly string[];
}

/** Launches headless Chromium; fails with a clear message when there is none. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findBrowser() as string | undefined;
  if (!executablePath)
    throw new Error('No Chrome or Chromium found: run `node scripts/ensure-browser.mjs` or set CHROME_PATH.');
  return puppeteer.launch({ executablePath, headless: true, args: chromiumArgs });
}

const element = 'custom-auth-login';
/** A shadow part of the element (`>>>` reaches into its open shadow root). */
const part = (name: string) => `${element} >>> [part~="${name}"]`;

async function waitForStep(page: Page, step: string): Promise<void> {
  await page.waitForSelector(`${element}[step="${step}"]`, { timeout: 15_000 });
}

/** A code of the same length that is certainly not `code`. */
function wrongCodeFor(code: string): string {
  return [...code].map((digit) => String((Number(digit) + 1) % 10)).join('');
}

/** How many codes the endpoint has sent so far. */
async function sentCount(endpointUrl: string): Promise<number> {
  const response = await fetch(new URL('_dev/messages', endpointUrl));
  return ((await response.json()) as unknown[]).length;
}

/** The newest code in the page's inbox panel, once it lists more than `previousCount` codes. */
async function codeFromInboxPanel(page: Page, previousCount: number): Promise<string> {
  await page.waitForFunction(
    (count) => document.querySelectorAll('.inbox-list li').length > count,
    { timeout: 10_000 },
    previousCount,
  );
  return page.$eval('.inbox-list li:first-child .inbox-code', (code) => code.textContent ?? '');
}

/** Where the demo runs: the page and the local endpoint it signs in against. */
export interface DemoUrls {
  readonly pageUrl: string;
  readonly endpointUrl: string;
}

/**
 * Opens the demo page (switching the flow with the page's visible switch) and signs in: username (and
 * password), a wrong code, then the right code as the page's inbox panel shows it.
 */
export async function signInOnDemo(
  page: Page,
  { pageUrl, endpointUrl }: DemoUrls,
  signIn: DemoSignIn,
): Promise<DemoSignInResult> {
  const at = signIn.at ?? (async () => {});
  await page.goto(pageUrl);
  await waitForStep(page, 'username');
  if (signIn.flow === 'custom-with-srp') {
    await page.click('.flow-switch input[value="custom-with-srp"]');
    await page.waitForSelector(part('password-input'));
  }
  const inboxBefore = await sentCount(endpointUrl);

  await page.type(part('username-input'), signIn.username);
  if (signIn.password !== undefined) await page.type(part('password-input'), signIn.password);
  await at('username', page);
  await page.click(part('submit-button'));
  await waitForStep(page, 'challenge');
  const code = await codeFromInboxPanel(page, inboxBefore);
  await at('challenge', page);

  await page.type(part('code-input'), wrongCodeFor(code));
  await page.click(part('submit-button'));
  const errorPart = await page.waitForSelector(`${part('error')}:not([hidden])`, { timeout: 10_000 });
  const wrongCodeMessage = (await errorPart!.evaluate((error) => error.textContent ?? '')).trim();
  await at('wrong-code', page);

  await page.type(part('code-input'), code);
  await page.click(part('submit-button'));
  await waitForStep(page, 'signed-in');
  await page.waitForSelector('#claims-list dt');
  await page.waitForFunction(
    () => /^HTTP \d+/.test(document.getElementById('server-check-status')?.textContent ?? ''),
    {
      timeout: 10_000,
    },
  );
  await at('signed-in', page);

  const listed = (list: string) =>
    page.$$eval(`${list} dt`, (names) =>
      Object.fromEntries(names.map((name) => [name.textContent ?? '', name.nextElementSibling?.textContent ?? ''])),
    );
  const claims = await listed('#claims-list');
  const serverCheck = {
    status: await page.$eval('#server-check-status', (status) => status.textContent ?? ''),
    fields: await listed('#server-check-list'),
  };
  const events = await page.$$eval('.event-log .event-name', (names) =>
    names.map((name) => name.textContent ?? '').reverse(),
  );
  return { claims, serverCheck, wrongCodeMessage, events };
}
