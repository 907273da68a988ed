import type { Node } from 'constructs';
import { LINK_LIFETIME, readLinkConfig } from '../../triggers/link-config.ts';

/**
 * Sign-in links in a deployment: the pages links may point to and how long they hold. Given, the stack creates
 * the KMS key that signs them and wires Pre authentication; absent, the pool sends codes only.
 *
 * These are synthesis-time options (CDK context), not CloudFormation parameters like the rest: they decide which
 * resources exist, and the page list is checked here, with the triggers' own parser, so a bad URL stops
 * `cdk synth` instead of every sign-in.
 */
export interface SignInLinkSettings {
  /** The allow-list, in `LINK_PAGES` form: `https://app.example/sign-in` and/or `<clientId>=https://…`, comma-separated. */
  readonly pages: string;
  /** How long a link holds, in seconds (900 unless given; 2 to 86,400). */
  readonly lifetimeSeconds?: number;
}

/** The context keys: `-c signInLinkPages=https://app.example/sign-in -c signInLinkLifetimeSeconds=600`. */
export const SIGN_IN_LINK_CONTEXT_KEYS = {
  pages: 'signInLinkPages',
  lifetimeSeconds: 'signInLinkLifetimeSeconds',
} as const;

/**
 * The settings as the triggers read them (`LINK_PAGES`, `LINK_LIFETIME_SECONDS`), after checking them: at least
 * one page, each an https URL (http only on localhost) without fragment or credentials, and a whole lifetime
 * within {@link LINK_LIFETIME}. Throws a message naming the setting otherwise.
 */
export function linkEnvironment(settings: SignInLinkSettings): { LINK_PAGES: string; LINK_LIFETIME_SECONDS: string } {
  const environment = {
    LINK_PAGES: settings.pages.trim(),
    LINK_LIFETIME_SECONDS: String(settings.lifetimeSeconds ?? LINK_LIFETIME.fallback),
  };
  let config: ReturnType<typeof readLinkConfig>;
  try {
    config = readLinkConfig(environment);
  } catch (error) {
    throw new Error(`Sign-in links: ${(error as Error).message}.`, { cause: error });
  }
  if (config.defaultPage === undefined && config.clientPages.size === 0) {
    throw new Error('Sign-in links need at least one page (LINK_PAGES is empty).');
  }
  return environment;
}

/**
 * Reads the sign-in link settings from the CDK context: on when `signInLinkPages` is given. A lifetime without
 * pages is refused rather than ignored, and so is a value of the wrong type.
 */
export function signInLinksFromContext(node: Node): SignInLinkSettings | undefined {
  const pages: unknown = node.tryGetContext(SIGN_IN_LINK_CONTEXT_KEYS.pages);
  const lifetime: unknown = node.tryGetContext(SIGN_IN_LINK_CONTEXT_KEYS.lifetimeSeconds);
  if (pages === undefined) {
    if (lifetime === undefined) return undefined;
    throw new Error(
      `Context ${SIGN_IN_LINK_CONTEXT_KEYS.lifetimeSeconds} needs ${SIGN_IN_LINK_CONTEXT_KEYS.pages} too: links are on only with pages to point to.`,
    );
  }
  if (typeof pages !== 'string') {
    throw new Error(
      `Context ${SIGN_IN_LINK_CONTEXT_KEYS.pages} must be a comma-separated list of URLs, got ${JSON.stringify(pages)}.`,
    );
  }
  // The CLI passes every -c value as a string; cdk.json may hold a number.
  const text = typeof lifetime === 'number' ? String(lifetime) : lifetime;
  if (text !== undefined && (typeof text !== 'string' || !/^\s*\d+\s*$/.test(text))) {
    throw new Error(
      `Context ${SIGN_IN_LINK_CONTEXT_KEYS.lifetimeSeconds} must be a whole number of seconds from ${LINK_LIFETIME.min} to ${LINK_LIFETIME.max}, got ${JSON.stringify(lifetime)}.`,
    );
  }
  const settings = { pages, ...(text === undefined ? {} : { lifetimeSeconds: Number(text) }) };
  linkEnvironment(settings);
  return settings;
}
