/**
 * The pool's settings for choice-based sign-in (`USER_AUTH`, Cognito's Essentials plan): which first factors it
 * allows and who the WebAuthn relying party is. Without them the app client does not allow `USER_AUTH`, as in a
 * pool on the Lite plan or a client without `ALLOW_USER_AUTH`.
 */

/** The first factors a pool can allow (its sign-in policy's `AllowedFirstAuthFactors`). */
export const FIRST_FACTORS = ['EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN', 'PASSWORD'] as const;
export type FirstFactor = (typeof FIRST_FACTORS)[number];

/** The challenges a client may ask for or pick: PASSWORD allows both of Cognito's password challenges. */
export type UserAuthChallenge = Exclude<FirstFactor, 'PASSWORD'> | 'PASSWORD' | 'PASSWORD_SRP';

/** Options of the local endpoint for `USER_AUTH` (`--user-auth`, `--relying-party-id`, `--webauthn-origin`). */
export interface UserAuthOptions {
  /** The first factors the pool allows, in the order `AvailableChallenges` lists them. */
  readonly firstFactors: readonly FirstFactor[];
  /** The WebAuthn relying party id, a host name. Default `localhost`. */
  readonly relyingPartyId?: string;
  /**
   * Origins whose passkey ceremonies are accepted. Default: any origin on the relying party's host or one of
   * its subdomains, over https, or over http for `localhost` (what browsers themselves allow), on any port.
   */
  readonly webAuthnOrigins?: readonly string[];
  /** Whether passkeys must verify the user (PIN, biometrics): Cognito's `UserVerification`. Default `required`. */
  readonly userVerification?: 'required' | 'preferred';
}

/** The settings with their defaults applied and checked. */
export interface UserAuthSettings {
  readonly firstFactors: readonly FirstFactor[];
  /** What `AvailableChallenges` lists for every name, known or not, so the list does not tell them apart. */
  readonly availableChallenges: readonly UserAuthChallenge[];
  readonly relyingPartyId: string;
  readonly isAllowedOrigin: (origin: string) => boolean;
  readonly userVerification: 'required' | 'preferred';
}

/** Reads a comma-separated list such as `EMAIL_OTP,WEB_AUTHN`; throws naming what is not a first factor. */
export function parseFirstFactors(text: string): FirstFactor[] {
  const factors = text
    .split(',')
    .map((entry) => entry.trim().toUpperCase())
    .filter(Boolean);
  const unknown = factors.filter((entry) => !(FIRST_FACTORS as readonly string[]).includes(entry));
  if (unknown.length > 0 || factors.length === 0) {
    throw new Error(`first factors must be some of ${FIRST_FACTORS.join(', ')}, got "${text}"`);
  }
  return [...new Set(factors)] as FirstFactor[];
}

/** Applies the defaults and checks the options; throws with a message that names the bad value. */
export function userAuthSettings(options: UserAuthOptions): UserAuthSettings {
  const firstFactors = parseFirstFactors(options.firstFactors.join(','));
  const relyingPartyId = (options.relyingPartyId ?? 'localhost').toLowerCase();
  if (!/^(?=.{1,253}$)[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(relyingPartyId)) {
    throw new Error(
      `the relying party id must be a host name (e.g. localhost or example.com), got "${relyingPartyId}"`,
    );
  }
  const origins = options.webAuthnOrigins?.map(readOrigin);
  return {
    firstFactors,
    availableChallenges: firstFactors.flatMap((factor) =>
      factor === 'PASSWORD' ? (['PASSWORD', 'PASSWORD_SRP'] as const) : [factor],
    ),
    relyingPartyId,
    isAllowedOrigin: origins
      ? (origin) => origins.includes(origin)
      : (origin) => isOriginOfRelyingParty(origin, relyingPartyId),
    userVerification: options.userVerification ?? 'required',
  };
}

function readOrigin(text: string): string {
  try {
    return new URL(text).origin;
  } catch {
    throw new Error(`a WebAuthn origin must be a URL such as https://app.example.com, got "${text}"`);
  }
}

// A browser only runs a ceremony for an rp id that is the page's host or a parent of it, in a secure context.
function isOriginOfRelyingParty(origin: string, relyingPartyId: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const host = url.hostname;
  const onHost = host === relyingPartyId || host.endsWith(`.${relyingPartyId}`);
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && host === 'localhost');
  return onHost && secure && url.origin === origin;
}
