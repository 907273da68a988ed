import { randomBytes, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { CognitoError, MESSAGES, notAuthorized } from './cognito-error.ts';
import type { SigningKey, SigningKeys } from './signing-keys.ts';
import type { PoolUser, UserStore } from './user-store.ts';

/** The `AuthenticationResult` of a successful sign-in or refresh. */
export interface AuthenticationResult {
  readonly AccessToken: string;
  readonly IdToken: string;
  /** Only on sign-in: refreshing does not rotate the refresh token. */
  readonly RefreshToken?: string;
  readonly ExpiresIn: number;
  readonly TokenType: 'Bearer';
}

/** Issues, refreshes, checks and revokes the pool's tokens. */
export interface TokenService {
  /** Tokens for a completed sign-in, with a new refresh token. */
  signIn(user: PoolUser, clientId: string): Promise<AuthenticationResult>;
  /** New access and ID tokens for a live refresh token; `NotAuthorizedException` otherwise. */
  refresh(refreshToken: string, clientId: string): Promise<AuthenticationResult>;
  /**
   * Revokes a refresh token and the access tokens issued from it. Unknown tokens are ignored, as RFC 7009 asks;
   * an ID or access token (a JWT) is `UnsupportedTokenTypeException`.
   */
  revoke(refreshToken: string, clientId: string): void;
  /** Checks an access token (signature, expiry, revocation) and returns its user. */
  verifyAccessToken(accessToken: string): Promise<PoolUser>;
  /** Revokes every refresh token of the user, and with them every access token. */
  signOutEverywhere(user: PoolUser): void;
}

/** Options of {@link createTokenService}. */
export interface TokenServiceOptions {
  readonly keys: SigningKeys;
  readonly users: UserStore;
  /** The `iss` claim, `<endpoint url>/<userPoolId>`; a function because the port is known only after listening. */
  readonly issuer: () => string;
  /** Lifetime of access and ID tokens; defaults to one hour, like a new app client. */
  readonly tokenSeconds?: number;
  /** Lifetime of refresh tokens; defaults to 30 days, like a new app client. */
  readonly refreshTokenSeconds?: number;
  /** Most refresh grants kept at once; past it the oldest is forgotten (its refresh token stops working). */
  readonly maxGrants?: number;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

interface RefreshGrant {
  readonly username: string;
  readonly clientId: string;
  /** Shared by all tokens of one sign-in; revoking the grant revokes them all. */
  readonly originJti: string;
  /** The sign-in's `event_id`, the same in its ID and access tokens and in those refreshed from them. */
  readonly eventId: string;
  readonly authTime: number;
  /** Epoch milliseconds after which the refresh token is refused. */
  readonly expiresAt: number;
  revoked: boolean;
}

// Refresh tokens here are opaque base64url; anything shaped like a signed JWT is an ID or access token.
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;

/** Creates the {@link TokenService} that signs RS256 JWTs with the claims clients read. */
export function createTokenService({
  keys,
  users,
  issuer,
  tokenSeconds = 3600,
  refreshTokenSeconds = 30 * 24 * 3600,
  maxGrants = 100_000,
  now = Date.now,
}: TokenServiceOptions): TokenService {
  // In insertion order, so the first entries are the oldest grants.
  const grants = new Map<string, RefreshGrant>();
  const revokedOrigins = new Set<string>();

  async function issue(user: PoolUser, grant: RefreshGrant): Promise<AuthenticationResult> {
    const iat = Math.floor(now() / 1000);
    const sign = (key: SigningKey, claims: JWTPayload) =>
      new SignJWT({ ...claims, origin_jti: grant.originJti, event_id: grant.eventId, auth_time: grant.authTime })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid })
        .setIssuer(issuer())
        .setSubject(user.sub)
        .setJti(randomUUID())
        .setIssuedAt(iat)
        .setExpirationTime(iat + tokenSeconds)
        .sign(key.privateKey);
    const { sub: _sub, email_verified: emailVerified, ...attributes } = user.attributes;
    const [AccessToken, IdToken] = await Promise.all([
      sign(keys.access, {
        token_use: 'access',
        scope: 'aws.cognito.signin.user.admin',
        client_id: grant.clientId,
        username: user.username,
      }),
      sign(keys.id, {
        ...attributes,
        ...(emailVerified === undefined ? {} : { email_verified: emailVerified === 'true' }),
        token_use: 'id',
        aud: grant.clientId,
        'cognito:username': user.username,
      }),
    ]);
    return { AccessToken, IdToken, ExpiresIn: tokenSeconds, TokenType: 'Bearer' };
  }

  function liveGrant(refreshToken: string, clientId: string): RefreshGrant {
    const grant = grants.get(refreshToken);
    if (!grant || grant.clientId !== clientId) throw notAuthorized(MESSAGES.invalidRefreshToken);
    if (grant.revoked) throw notAuthorized(MESSAGES.revokedRefreshToken);
    if (now() > grant.expiresAt) {
      grants.delete(refreshToken);
      throw notAuthorized(MESSAGES.expiredRefreshToken);
    }
    return grant;
  }

  // Expired grants go when new ones are made, and the oldest when there are too many: memory stays bounded.
  function forgetOldGrants(at: number) {
    for (const [token, grant] of grants) {
      if (grant.expiresAt < at || grants.size >= maxGrants) grants.delete(token);
    }
  }

  function revokeGrant(grant: RefreshGrant) {
    grant.revoked = true;
    revokedOrigins.add(grant.originJti);
  }

  return {
    async signIn(user, clientId) {
      const at = now();
      forgetOldGrants(at);
      const grant: RefreshGrant = {
        username: user.username,
        clientId,
        originJti: randomUUID(),
        eventId: randomUUID(),
        authTime: Math.floor(at / 1000),
        expiresAt: at + refreshTokenSeconds * 1000,
        revoked: false,
      };
      const refreshToken = randomBytes(96).toString('base64url');
      grants.set(refreshToken, grant);
      return { ...(await issue(user, grant)), RefreshToken: refreshToken };
    },

    async refresh(refreshToken, clientId) {
      const grant = liveGrant(refreshToken, clientId);
      const user = users.find(grant.username);
      if (!user) throw notAuthorized(MESSAGES.invalidRefreshToken);
      if (!user.enabled) throw notAuthorized(MESSAGES.userDisabled);
      return issue(user, grant);
    },

    revoke(refreshToken, clientId) {
      if (JWT_SHAPE.test(refreshToken)) {
        throw new CognitoError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
      }
      const grant = grants.get(refreshToken);
      if (grant && grant.clientId === clientId) revokeGrant(grant);
    },

    async verifyAccessToken(accessToken) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(accessToken, keys.access.publicKey, {
          issuer: issuer(),
          algorithms: ['RS256'],
          currentDate: new Date(now()),
        }));
      } catch (error) {
        throw notAuthorized(
          error instanceof errors.JWTExpired ? MESSAGES.expiredAccessToken : MESSAGES.invalidAccessToken,
        );
      }
      if (payload.token_use !== 'access' || typeof payload.username !== 'string')
        throw notAuthorized(MESSAGES.invalidAccessToken);
      if (revokedOrigins.has(String(payload.origin_jti))) throw notAuthorized(MESSAGES.revokedAccessToken);
      const user = users.find(payload.username);
      if (!user) throw notAuthorized(MESSAGES.invalidAccessToken);
      return user;
    },

    signOutEverywhere(user) {
      for (const grant of grants.values()) {
        if (grant.username === user.username) revokeGrant(grant);
      }
    },
  };
}
