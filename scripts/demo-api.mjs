// The demo's API: what a host application's server does with the tokens the element hands the page.
// `GET /api/me` with `Authorization: Bearer <access token>` answers what the server could verify about the caller,
// or 401 with the reason. The access token is checked with aws-jwt-verify, configured from nothing but the pool's
// OpenID Connect discovery document (issuer and JWKS URI), as a server would check a deployed pool's tokens.
//
// Against AWS the same check is one line, `CognitoJwtVerifier.create({ userPoolId, tokenUse: 'access', clientId })`,
// which knows Cognito's issuer URL. The local pool has its own issuer, so the generic RSA verifier is used here
// with the same checks spelled out: token_use is "access" and client_id is the app client.
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';

/** The route this module answers. */
export const API_ME_PATH = '/api/me';

/** A failure to reach the pool's documents: the server cannot tell whether the token is good (503, not 401). */
class PoolUnavailableError extends Error {}

/**
 * aws-jwt-verify's own fetcher speaks HTTPS only, as Cognito's JWKS is; the local endpoint serves plain HTTP on
 * loopback, so the documents are fetched with Node's fetch. Everything else (caching, key lookup by `kid`, the
 * penalty box against refetch storms) stays aws-jwt-verify's.
 */
const loopbackFetcher = {
  async fetch(uri) {
    const response = await fetch(uri);
    if (!response.ok) throw new PoolUnavailableError(`${uri} answered HTTP ${response.status}`);
    return response.arrayBuffer();
  },
};

/** Reads the discovery document and returns the two things a verifier needs from it. */
async function discover(discoveryUrl) {
  let document;
  try {
    document = JSON.parse(new TextDecoder().decode(await loopbackFetcher.fetch(discoveryUrl)));
  } catch (error) {
    throw new PoolUnavailableError(`could not read ${discoveryUrl}: ${error.message}`);
  }
  if (typeof document?.issuer !== 'string' || typeof document?.jwks_uri !== 'string') {
    throw new PoolUnavailableError(`${discoveryUrl} names no issuer and jwks_uri`);
  }
  return { issuer: document.issuer, jwksUri: document.jwks_uri };
}

/**
 * Creates the access-token verifier of one app client. The discovery document is read on first use and again
 * after a failure, so the server can start before the pool answers.
 *
 * @param {{ discoveryUrl: string, clientId: string }} options
 * @returns {{ verify(token: string): Promise<Record<string, unknown>> }}
 */
export function createAccessTokenVerifier({ discoveryUrl, clientId }) {
  let verifier;
  const verifierFor = () => {
    verifier ??= discover(discoveryUrl).then(({ issuer, jwksUri }) =>
      JwtRsaVerifier.create(
        {
          issuer,
          jwksUri,
          // Access tokens carry client_id, not aud; the audience is checked below instead.
          audience: null,
          customJwtCheck: ({ payload }) => {
            if (payload.token_use !== 'access') throw new Error('Not an access token (token_use is not "access")');
            if (payload.client_id !== clientId) throw new Error('The token was issued to another app client');
          },
        },
        { jwksCache: new SimpleJwksCache({ fetcher: loopbackFetcher }) },
      ),
    );
    verifier.catch(() => (verifier = undefined));
    return verifier;
  };
  return { verify: async (token) => (await verifierFor()).verify(token) };
}

/** What the route reports about a verified access token: who, for which client, and the token's life. */
function caller(payload) {
  return {
    sub: payload.sub,
    username: payload.username,
    clientId: payload.client_id,
    scope: payload.scope,
    tokenUse: payload.token_use,
    eventId: payload.event_id,
    authTime: payload.auth_time,
    issuedAt: payload.iat,
    expiresAt: payload.exp,
    issuer: payload.iss,
  };
}

function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/**
 * The API's request handler. Answers requests to {@link API_ME_PATH} and returns true; returns false for any
 * other path, so the caller serves it some other way.
 *
 * @param {{ verify(token: string): Promise<Record<string, unknown>> }} verifier
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>}
 */
export function createDemoApi(verifier) {
  return async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://demo');
    if (pathname !== API_ME_PATH) return false;
    if (req.method !== 'GET') {
      sendJson(res, 405, { error: 'method_not_allowed', message: 'Use GET' }, { allow: 'GET' });
      return true;
    }
    const refuse = (message) =>
      sendJson(res, 401, { error: 'invalid_token', message }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) {
      refuse('Send the access token as "Authorization: Bearer <token>"');
      return true;
    }
    try {
      sendJson(res, 200, caller(await verifier.verify(token)));
    } catch (error) {
      if (error instanceof PoolUnavailableError) {
        sendJson(res, 503, { error: 'pool_unavailable', message: 'The user pool cannot be reached; try again' });
      } else {
        // aws-jwt-verify's reasons (and those of the checks above) say what was wrong with the token, not more.
        refuse(error instanceof Error ? error.message : 'Invalid token');
      }
    }
    return true;
  };
}
