import type { LinkStore } from './link-store.ts';
import { linkPageFor, readLinkConfig } from './link-config.ts';
import { checkLinkToken, linkUrl, newLinkId, signLinkToken, type LinkSigner } from './link-token.ts';
import type { TriggerConfig, TriggerEnv } from './trigger-config.ts';

/**
 * What the triggers need to issue and accept sign-in links. Handlers built without it send codes only and
 * treat a link answer as a wrong code.
 */
export interface SignInLinks {
  readonly signer: LinkSigner;
  /** The link store for the settings of this invocation (the limiter's table). */
  readonly store: (config: TriggerConfig) => LinkStore;
}

/** The `challengeMetadata` of a round that waits for a link and sent nothing (a sign-in started by a link). */
export const LINK_ONLY_METADATA = 'LINK-ONLY';

/**
 * The fixed word Pre authentication throws for a link it refuses; Cognito passes it on inside
 * "PreAuthentication failed with error LinkRejected.", which the element recognises.
 */
export const LINK_REJECTED_MARKER = 'LinkRejected';

/** Who a link is for and what it must match; `identity` is the limiter's. */
export interface LinkSubject {
  readonly identity: string;
  readonly username: string;
  readonly userPoolId: string;
  readonly clientId: string;
}

/**
 * Issues a new link for the subject if its app client has a page: records it as the identity's one outstanding
 * link (voiding the previous one) and returns the URL to email. Undefined when the client has no page.
 */
export async function issueLink(
  links: SignInLinks,
  config: TriggerConfig,
  env: TriggerEnv,
  subject: LinkSubject,
  now: number,
): Promise<string | undefined> {
  const linkConfig = readLinkConfig(env);
  const page = linkPageFor(linkConfig, subject.clientId);
  if (!page) return undefined;
  const id = newLinkId();
  const iat = Math.floor(now / 1000);
  const exp = iat + linkConfig.lifetimeSeconds;
  const token = await signLinkToken(
    { u: subject.username, p: subject.userPoolId, c: subject.clientId, iat, exp, id },
    links.signer,
  );
  await links.store(config).issue(subject.identity, id, exp * 1000);
  return linkUrl(page, token);
}

/**
 * Whether `token` is the subject's outstanding, unused, unexpired link, signed by us for this pool and client;
 * when it is, `use` applies the store's single conditional write (claim or consume) and decides.
 */
export async function acceptLink(
  links: SignInLinks,
  token: unknown,
  subject: LinkSubject,
  now: number,
  use: (linkId: string) => Promise<boolean>,
): Promise<boolean> {
  const checked = await checkLinkToken(token, links.signer, { ...subject, now });
  return checked.ok && use(checked.claims.id);
}
