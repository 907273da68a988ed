import type { TriggerEnv } from './trigger-config.ts';

/**
 * Where sign-in links point, and how long they hold.
 *
 * The page comes from the backend, never from the client: Cognito hands the ClientMetadata of InitiateAuth to
 * Pre authentication only, not to the Define and Create triggers, and Create is where the email is written. What
 * Create does see is the app client id, so the allow-list maps app clients to pages: `LINK_PAGES` is a
 * comma-separated list of `https://app.example/sign-in` (the page of every client) and
 * `<clientId>=https://other.example/login` (the page of one client). Nothing a caller sends can point a link
 * anywhere else.
 */
export interface LinkConfig {
  /** The page for clients without their own entry (`undefined`: those clients get codes only). */
  readonly defaultPage: string | undefined;
  /** Pages of single app clients. */
  readonly clientPages: ReadonlyMap<string, string>;
  /** How long a link holds, in seconds (`LINK_LIFETIME_SECONDS`, default 900), apart from the code's lifetime. */
  readonly lifetimeSeconds: number;
}

/** Bounds of `LINK_LIFETIME_SECONDS`; lifetimes of seconds exist for tests, see docs/security.md for choosing one. */
export const LINK_LIFETIME = { fallback: 900, min: 2, max: 86_400 } as const;

/** Reads `LINK_PAGES` and `LINK_LIFETIME_SECONDS`; a malformed value throws, as the other settings do. */
export function readLinkConfig(env: TriggerEnv = process.env): LinkConfig {
  const clientPages = new Map<string, string>();
  let defaultPage: string | undefined;
  for (const entry of (env.LINK_PAGES ?? '').split(',')) {
    const text = entry.trim();
    if (!text) continue;
    const split = /^([\w+]{1,128})=(.*)$/.exec(text);
    const page = checkedPage(split ? split[2]! : text);
    if (split) clientPages.set(split[1]!, page);
    else defaultPage = page;
  }
  const raw = env.LINK_LIFETIME_SECONDS?.trim();
  const lifetimeSeconds = raw ? Number(/^\d+$/.test(raw) ? raw : Number.NaN) : LINK_LIFETIME.fallback;
  if (
    !Number.isSafeInteger(lifetimeSeconds) ||
    lifetimeSeconds < LINK_LIFETIME.min ||
    lifetimeSeconds > LINK_LIFETIME.max
  ) {
    throw new Error(
      `LINK_LIFETIME_SECONDS must be a whole number from ${LINK_LIFETIME.min} to ${LINK_LIFETIME.max}, got "${raw}"`,
    );
  }
  return { defaultPage, clientPages, lifetimeSeconds };
}

/** The page a client's links point to, if any. */
export function linkPageFor(config: LinkConfig, clientId: string): string | undefined {
  return config.clientPages.get(clientId) ?? config.defaultPage;
}

// https only, except http on the loopback names the local endpoint and demo use; no fragment (the token is one).
function checkedPage(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`LINK_PAGES entries must be absolute URLs, got "${text}"`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`LINK_PAGES entries must use https (http only on localhost), got "${text}"`);
  }
  if (url.hash || url.username || url.password) {
    throw new Error(`LINK_PAGES entries must have no fragment and no credentials, got "${text}"`);
  }
  return url.href;
}
