/**
 * Helpers for the end-to-end tests: the real element with the real Amplify, signing in against a local
 * Cognito-compatible endpoint that the test runner started (see test/runner-support/local-cognito-plugin.ts).
 *
 * Each test starts from nothing: browser storage cleared, the endpoint's inbox and request log emptied.
 * Amplify is one global per page, so scenarios that need a fresh one live in their own test file.
 */
import { oneEvent } from '@open-wc/testing';
import '../../../../src/custom-auth-login.js';
// The element fetches Amplify as a chunk of its own once it loads. Imported here as well, so that the test server
// compiles Amplify's modules while the file loads, before any spec's time-out runs: on a cold, loaded machine that
// compilation alone outlasted the first spec's. The element still reaches Amplify through its own lazy import.
import '../../../../src/amplify-auth-adapter.js';
import type { AuthFlow, CustomAuthLogin } from '../../../../src/custom-auth-login.js';
import { e2eConfig, endToEndSuite, latestCode, type EndpointChoice, type MochaSuite } from './dev-endpoint.js';
import { AuthEventLog, stepAfter, submitCode, submitFirstForm } from '../../support/login-driver.js';

export * from './dev-endpoint.js';
export * from '../../support/login-driver.js';

export interface RenderOptions {
  readonly endpoint: string;
  readonly authFlow?: AuthFlow;
  /** Further attributes, e.g. `{ 'token-storage': 'session' }`. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * Puts an element configured for the endpoint into the page, with an {@link AuthEventLog} listening from the
 * start, and waits until it has settled on its first step (`username`, or `signed-in` for a stored session).
 */
export async function renderForEndpoint({ endpoint, authFlow, attributes = {} }: RenderOptions): Promise<{
  el: CustomAuthLogin;
  log: AuthEventLog;
}> {
  const { userPoolId, clientId } = await e2eConfig();
  const el = document.createElement('custom-auth-login');
  const log = new AuthEventLog(el);
  const settled = oneEvent(el, 'auth-step-change');
  el.setAttribute('user-pool-id', userPoolId);
  el.setAttribute('user-pool-client-id', clientId);
  el.setAttribute('user-pool-endpoint', endpoint);
  if (authFlow) el.setAttribute('auth-flow', authFlow);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  await settled;
  return { el, log };
}

/** An address nobody has used on the endpoints yet. */
export const newAddress = (): string => `new-${crypto.randomUUID().slice(0, 8)}@example.com`;

/**
 * An end-to-end suite of elements with `sign-up` (and a `name` field) against one of the endpoints, and the
 * function that renders one.
 */
export function signUpSuite(suite: MochaSuite, endpoint: EndpointChoice = 'endpoint') {
  const e2e = endToEndSuite(suite, { endpoint });
  const render = () =>
    renderForEndpoint({ endpoint: e2e.endpoint, attributes: { 'sign-up': '', 'sign-up-attributes': 'name' } });
  return { e2e, render };
}

/**
 * An end-to-end suite of elements with `sign-up` (and a `name` field) on `auth-flow="user-auth"`, whose sign-up is
 * Cognito's passwordless one, against one of the endpoints; and the function that renders one (with further
 * attributes).
 */
export function passwordlessSignUpSuite(suite: MochaSuite, endpoint: EndpointChoice) {
  const e2e = endToEndSuite(suite, { endpoint, timeoutMs: 60_000 });
  const render = (attributes: Record<string, string> = {}) =>
    renderForEndpoint({
      endpoint: e2e.endpoint,
      authFlow: 'user-auth',
      attributes: { 'sign-up': '', 'sign-up-attributes': 'name', ...attributes },
    });
  return { e2e, render };
}

/** A code of the same length that is certainly not `code`. */
export function wrongCodeFor(code: string): string {
  return [...code].map((digit) => String((Number(digit) + 1) % 10)).join('');
}

/**
 * Signs in through the form from the first step: username (and password), then the code from the inbox.
 * Resolves once the element shows the signed-in step.
 */
export async function signIn(
  el: CustomAuthLogin,
  endpoint: string,
  { username, password }: { username: string; password?: string },
): Promise<void> {
  const atChallenge = await stepAfter(el, () => submitFirstForm(el, username, password));
  if (atChallenge !== 'challenge') throw new Error(`expected the challenge step, got ${atChallenge}`);
  const code = await latestCode(endpoint, username);
  const signedIn = oneEvent(el, 'auth-signed-in');
  submitCode(el, code);
  await signedIn;
}
