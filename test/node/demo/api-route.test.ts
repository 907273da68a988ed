/**
 * The demo server's `GET /api/me` (scripts/demo-api.mjs): a host application's server verifying the element's
 * access token with aws-jwt-verify, configured from the local pool's discovery document alone. A fresh access
 * token is accepted; a forged, an expired, a foreign pool's and an ID token are refused.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it, mock } from 'node:test';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { cognitoRequest, latestCode } from '../../../backend/local-cognito/dev-client.ts';
import { start, type LocalCognito } from '../../../backend/local-cognito/server.ts';
import { API_ME_PATH, createAccessTokenVerifier, createDemoApi } from '../../../scripts/demo-api.mjs';

interface Tokens {
  readonly AccessToken: string;
  readonly IdToken: string;
}

/** A passwordless sign-in over the raw protocol, answered with the code from the development inbox. */
async function signIn(pool: LocalCognito, email: string): Promise<Tokens> {
  const challenge = (await cognitoRequest(pool.url, 'InitiateAuth', {
    AuthFlow: 'CUSTOM_AUTH',
    ClientId: pool.clientId,
    AuthParameters: { USERNAME: email },
  })) as { body: { Session: string; ChallengeParameters: { USERNAME: string } } };
  const answer = await cognitoRequest(pool.url, 'RespondToAuthChallenge', {
    ChallengeName: 'CUSTOM_CHALLENGE',
    ClientId: pool.clientId,
    Session: challenge.body.Session,
    ChallengeResponses: {
      USERNAME: challenge.body.ChallengeParameters.USERNAME,
      ANSWER: await latestCode(pool.url, email),
    },
  });
  return (answer.body as { AuthenticationResult: Tokens }).AuthenticationResult;
}

const discoveryUrl = (pool: LocalCognito) => `${pool.url}${pool.userPoolId}/.well-known/openid-configuration`;

describe('demo API route GET /api/me', () => {
  let pool: LocalCognito;
  let otherPool: LocalCognito;
  let api: Server;
  let apiUrl: string;
  let alice: Tokens;

  before(async () => {
    [pool, otherPool] = await Promise.all([
      start({ port: 0, log: () => {} }),
      start({ port: 0, userPoolId: 'local_otherpool', log: () => {} }),
    ]);
    const handle = createDemoApi(
      createAccessTokenVerifier({ discoveryUrl: discoveryUrl(pool), clientId: pool.clientId }),
    );
    api = createServer(async (req, res) => {
      if (!(await handle(req, res))) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}${API_ME_PATH}`;
    alice = await signIn(pool, 'alice@example.com');
  });
  after(async () => {
    api?.closeAllConnections();
    await Promise.all([new Promise((resolve) => api?.close(resolve)), pool?.close(), otherPool?.close()]);
  });

  const callApi = async (authorization?: string) => {
    const response = await fetch(apiUrl, { headers: authorization ? { authorization } : {} });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  };

  /** Asserts a 401 with the Bearer challenge and a reason matching `reason`. */
  async function assertRefused(token: string, reason: RegExp) {
    const { status, headers, body } = await callApi(`Bearer ${token}`);
    assert.equal(status, 401);
    assert.equal(headers.get('www-authenticate'), 'Bearer error="invalid_token"');
    assert.equal(body.error, 'invalid_token');
    assert.match(String(body.message), reason);
  }

  describe('when the caller sends a fresh access token', () => {
    it('answers what the server verified about the caller', async () => {
      const { status, body } = await callApi(`Bearer ${alice.AccessToken}`);
      assert.equal(status, 200);
      const claims = decodeJwt(alice.AccessToken);
      assert.deepEqual(body, {
        sub: claims.sub,
        username: claims.username,
        clientId: pool.clientId,
        scope: 'aws.cognito.signin.user.admin',
        tokenUse: 'access',
        eventId: claims.event_id,
        authTime: claims.auth_time,
        issuedAt: claims.iat,
        expiresAt: claims.exp,
        issuer: `${pool.url}${pool.userPoolId}`,
      });
    });
  });

  describe('when the token is not one the pool issued to this client as an access token', () => {
    it('refuses a token signed with another key under the pool key id', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const forged = await new SignJWT(decodeJwt(alice.AccessToken))
        .setProtectedHeader({ ...decodeProtectedHeader(alice.AccessToken), alg: 'RS256' })
        .sign(privateKey);
      await assertRefused(forged, /signature/i);
    });

    it('refuses a genuine token whose claims were changed', async () => {
      const [header, payload, signature] = alice.AccessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
      const changed = Buffer.from(JSON.stringify({ ...claims, username: 'someone-else' })).toString('base64url');
      await assertRefused(`${header}.${changed}.${signature}`, /signature/i);
    });

    it("refuses another pool's access token", async () => {
      const foreign = await signIn(otherPool, 'alice@example.com');
      // Its key id is not in this pool's JWKS, which aws-jwt-verify finds before it compares the issuer.
      await assertRefused(foreign.AccessToken, /not found in the JWKS|issuer/i);
    });

    it('refuses an ID token in place of the access token', async () => {
      await assertRefused(alice.IdToken, /not an access token/i);
    });

    it('refuses an access token once it has expired', async () => {
      const { exp } = decodeJwt(alice.AccessToken);
      mock.timers.enable({ apis: ['Date'], now: (exp! + 1) * 1000 });
      try {
        await assertRefused(alice.AccessToken, /expired/i);
      } finally {
        mock.timers.reset();
      }
    });
  });

  describe('when the request is not a verification request', () => {
    it('asks for a bearer token when there is none', async () => {
      for (const authorization of [undefined, 'Basic YWxpY2U6cHc=', 'Bearer not-a-jwt']) {
        const { status, body } = await callApi(authorization);
        assert.equal(status, 401);
        assert.match(String(body.message), /Authorization: Bearer/);
      }
    });

    it('allows only GET', async () => {
      const response = await fetch(apiUrl, { method: 'POST' });
      assert.equal(response.status, 405);
      assert.equal(response.headers.get('allow'), 'GET');
    });

    it('leaves other paths to the caller', async () => {
      assert.equal((await fetch(new URL('/api/other', apiUrl))).status, 404);
    });
  });
});

describe('demo API route when the pool does not answer', () => {
  it('says so with 503, and verifies once the pool answers', async () => {
    // A port that was just free: the pool is started on it only after the first request.
    const probe = await start({ port: 0, log: () => {} });
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const verifier = createAccessTokenVerifier({
      discoveryUrl: `http://127.0.0.1:${port}/local_devpool/.well-known/openid-configuration`,
      clientId: 'localdevclient',
    });
    const handle = createDemoApi(verifier);
    const statusFor = async (token: string) => {
      const res = {
        status: 0,
        writeHead(status: number) {
          this.status = status;
          return this;
        },
        end() {},
      };
      const req = { url: API_ME_PATH, method: 'GET', headers: { authorization: `Bearer ${token}` } };
      await handle(req as never, res as never);
      return res.status;
    };
    const earlyToken = `${Buffer.from('{"alg":"RS256","kid":"k"}').toString('base64url')}.e30.c2ln`;
    assert.equal(await statusFor(earlyToken), 503);
    const pool = await start({ port, log: () => {} });
    try {
      assert.equal(await statusFor((await signIn(pool, 'alice@example.com')).AccessToken), 200);
    } finally {
      await pool.close();
    }
  });
});
