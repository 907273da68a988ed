import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Sign-in links: `<page URL>#<token>`, where the token is `cal1.<claims>.<signature>` (base64url). The claims
 * name the user, pool and app client, when the link was issued and until when it holds, and a random id that the
 * link store marks used (single use) and replaces with every new email (one outstanding link per user).
 * The token is signed by the backend only; the claims are readable by anyone holding the link, so they hold
 * nothing secret (the username is a UUID).
 */

/** Every token starts with this; it also tells a link answer from a typed code. */
export const LINK_TOKEN_PREFIX = 'cal1.';

/** What a token says. Times in epoch seconds, as in JWTs. */
export interface LinkClaims {
  /** The Cognito username (a UUID in pools that sign in with email). */
  readonly u: string;
  /** User pool id. */
  readonly p: string;
  /** App client id. */
  readonly c: string;
  readonly iat: number;
  readonly exp: number;
  /** Random link id: what the store marks used. */
  readonly id: string;
}

/**
 * Signs and checks token bytes. Deployed, an asymmetric KMS key does this (its private half never leaves KMS);
 * the local endpoint uses {@link createHmacLinkSigner} with a key it draws at start.
 */
export interface LinkSigner {
  sign(message: Buffer): Promise<Buffer>;
  verify(message: Buffer, signature: Buffer): Promise<boolean>;
}

/** HMAC-SHA256 under a 32-byte key: the local endpoint's signer, and the signer of unit tests. */
export function createHmacLinkSigner(key: Buffer = randomBytes(32)): LinkSigner {
  const mac = (message: Buffer) => createHmac('sha256', key).update(message).digest();
  return {
    sign: async (message) => mac(message),
    verify: async (message, signature) => {
      const expected = mac(message);
      return signature.length === expected.length && timingSafeEqual(signature, expected);
    },
  };
}

/** A fresh link id: 128 random bits. */
export function newLinkId(): string {
  return randomBytes(16).toString('base64url');
}

/** Signs `claims` into a token. */
export async function signLinkToken(claims: LinkClaims, signer: LinkSigner): Promise<string> {
  const body = `${LINK_TOKEN_PREFIX}${Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url')}`;
  const signature = await signer.sign(Buffer.from(body, 'utf8'));
  return `${body}.${signature.toString('base64url')}`;
}

/** The link as emailed: the page without any fragment of its own, then the token as the fragment. */
export function linkUrl(page: string, token: string): string {
  const url = new URL(page);
  url.hash = '';
  return `${url.href}#${token}`;
}

/** Whether an answer is a link token rather than a typed code (the prefix alone; nothing is verified). */
export function isLinkAnswer(answer: unknown): answer is string {
  return typeof answer === 'string' && answer.startsWith(LINK_TOKEN_PREFIX);
}

/** Why a token is refused; never shown to the user in detail (every refusal reads the same to the client). */
export type LinkRefusal = 'malformed' | 'signature' | 'expired' | 'foreign';

/** What a token must match: the sign-in it is presented in. */
export interface LinkExpectation {
  readonly username: string;
  readonly userPoolId: string;
  readonly clientId: string;
  /** Epoch milliseconds. */
  readonly now: number;
}

const TOKEN_PATTERN = /^cal1\.([\w-]{1,2000})\.([\w-]{1,2000})$/;

/**
 * Checks a token's signature, shape, expiry and that it belongs to this user, pool and client. Whether it is
 * still the user's outstanding, unused link is the store's question. Never throws on odd input.
 */
export async function checkLinkToken(
  token: unknown,
  signer: LinkSigner,
  expected: LinkExpectation,
): Promise<{ ok: true; claims: LinkClaims } | { ok: false; refusal: LinkRefusal }> {
  const match = typeof token === 'string' ? TOKEN_PATTERN.exec(token) : null;
  if (!match) return { ok: false, refusal: 'malformed' };
  const signed = Buffer.from(`${LINK_TOKEN_PREFIX}${match[1]}`, 'utf8');
  if (!(await signer.verify(signed, Buffer.from(match[2]!, 'base64url')))) return { ok: false, refusal: 'signature' };
  const claims = parseClaims(Buffer.from(match[1]!, 'base64url').toString('utf8'));
  if (!claims) return { ok: false, refusal: 'malformed' };
  if (claims.u !== expected.username || claims.p !== expected.userPoolId || claims.c !== expected.clientId) {
    return { ok: false, refusal: 'foreign' };
  }
  if (expected.now >= claims.exp * 1000) return { ok: false, refusal: 'expired' };
  return { ok: true, claims };
}

function parseClaims(text: string): LinkClaims | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const claims = value as Partial<LinkClaims> | null;
  if (
    typeof claims?.u !== 'string' ||
    typeof claims.p !== 'string' ||
    typeof claims.c !== 'string' ||
    typeof claims.id !== 'string' ||
    !Number.isSafeInteger(claims.iat) ||
    !Number.isSafeInteger(claims.exp)
  )
    return undefined;
  return claims as LinkClaims;
}
