/**
 * The local endpoint as the end-to-end tests see it: where it runs (from the test runner plugin), its
 * development inbox and request log, and the browser storage Amplify keeps sessions in. Nothing here loads the
 * element, so the script-tag test can use it on a page that gets the element only from the built bundle.
 */
import type { E2eConfig } from '../../../runner-support/e2e-config.js';

export type { E2eConfig };

let config: Promise<E2eConfig> | undefined;

/** Where the endpoints run; fetched once per page. */
export function e2eConfig(): Promise<E2eConfig> {
  config ??= fetch('/__e2e/config.json').then((response) => {
    if (!response.ok)
      throw new Error(`no end-to-end config (HTTP ${response.status}): is the local-cognito plugin on?`);
    return response.json() as Promise<E2eConfig>;
  });
  return config;
}

/** A code sent by the endpoint's development sender, as `GET /_dev/messages` lists it. */
export interface SentCode {
  readonly to: string;
  readonly username: string;
  readonly code: string;
  /** The sign-in link exactly as emailed, when the endpoint has a link page. */
  readonly link?: string;
  readonly sentAt: string;
}

async function devGet<T>(endpoint: string, path: string): Promise<T> {
  const response = await fetch(new URL(path, endpoint));
  if (!response.ok) throw new Error(`GET ${path}: HTTP ${response.status}`);
  return response.json() as Promise<T>;
}

/** Every code the endpoint sent since the last {@link freshStart}, oldest first. */
export function sentCodes(endpoint: string): Promise<SentCode[]> {
  return devGet(endpoint, '_dev/messages');
}

/** The newest code sent to `username`; fails the test when none was sent. */
export async function latestCode(endpoint: string, username: string): Promise<string> {
  // The pool signs in with email: codes are addressed `to` the email, `username` is the generated UUID.
  const message = (await sentCodes(endpoint)).filter((sent) => sent.to === username).at(-1);
  if (!message) throw new Error(`no code was sent to ${username}`);
  return message.code;
}

/** The newest sign-in link emailed to `username`; fails the test when none was. */
export async function latestLink(endpoint: string, username: string): Promise<string> {
  const message = (await sentCodes(endpoint)).filter((sent) => sent.to === username).at(-1);
  if (!message?.link) throw new Error(`no sign-in link was sent to ${username}`);
  return message.link;
}

/** The Cognito operations the endpoint received since the last {@link freshStart}, oldest first. */
export async function operations(endpoint: string): Promise<string[]> {
  return (await devGet<Array<{ operation: string }>>(endpoint, '_dev/requests')).map(({ operation }) => operation);
}

/**
 * The requests of signing up and in: the operations without the triggers' administrative calls and the passkey
 * list a `user-auth` element's signed-in view loads.
 */
export async function signInRequests(endpoint: string): Promise<string[]> {
  return (await operations(endpoint)).filter((operation) => !/^Admin|WebAuthnCredentials$/.test(operation));
}

/** Empties the endpoint's request log (e.g. before counting the requests of one action). */
export async function clearRequests(endpoint: string): Promise<void> {
  await fetch(new URL('_dev/requests', endpoint), { method: 'DELETE' });
}

/** Forgets every session and in-progress sign-in in this origin, and empties the endpoint's logs. */
export async function freshStart(endpoint: string): Promise<void> {
  localStorage.clear();
  sessionStorage.clear();
  await Promise.all([fetch(new URL('_dev/messages', endpoint), { method: 'DELETE' }), clearRequests(endpoint)]);
}

/** `CognitoIdentityServiceProvider.*` keys in localStorage: where Amplify keeps tokens. */
export function storedTokenKeys(): string[] {
  return Object.keys(localStorage).filter((key) => key.startsWith('CognitoIdentityServiceProvider.'));
}

/** What mocha passes as `this` to a `describe` body written as a `function`. */
export interface MochaSuite {
  timeout(ms: number): void;
}

/** Which of the test runner's endpoints a suite signs in against. */
export type EndpointChoice = 'endpoint' | 'shortSessionEndpoint' | 'limitedEndpoint' | 'userAuthOnlyEndpoint';

/**
 * Sets up an end-to-end suite: a timeout that fits real network round trips, the config loaded before the
 * first test, a {@link freshStart} before each test and the page emptied of elements after it. Call it first
 * in the `describe` body; hooks the suite adds afterwards run after these.
 */
export function endToEndSuite(
  suite: MochaSuite,
  { timeoutMs = 15_000, endpoint = 'endpoint' }: { timeoutMs?: number; endpoint?: EndpointChoice } = {},
): { readonly config: E2eConfig; readonly endpoint: string } {
  suite.timeout(timeoutMs);
  let loaded: E2eConfig | undefined;
  const current = () => {
    if (!loaded) throw new Error('the end-to-end config is read in a before hook: use it inside tests');
    return loaded;
  };
  before(async () => {
    loaded = await e2eConfig();
  });
  beforeEach(() => freshStart(current()[endpoint]));
  afterEach(() => {
    for (const el of document.querySelectorAll('custom-auth-login')) el.remove();
  });
  return {
    get config() {
      return current();
    },
    get endpoint() {
      return current()[endpoint];
    },
  };
}
