import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { CognitoError } from '../../../backend/local-cognito/cognito-error.ts';
import { createSessionStore } from '../../../backend/local-cognito/session-store.ts';
import { createSigningKeys } from '../../../backend/local-cognito/signing-keys.ts';
import { createTokenService } from '../../../backend/local-cognito/token-service.ts';
import { createUserStore, parseUsers } from '../../../backend/local-cognito/user-store.ts';

function cognitoError(type: string, message: string) {
  return (error: unknown) => error instanceof CognitoError && error.type === type && error.message === message;
}

describe('session store', () => {
  function clockedStore(ttlMs = 1000) {
    let now = 1_000_000;
    const store = createSessionStore<string>({ ttlMs, now: () => now });
    return { store, advance: (ms: number) => (now += ms) };
  }

  it('hands out long opaque session strings', () => {
    const { store } = clockedStore();
    const session = store.open('state');
    assert.match(session, /^[A-Za-z0-9_-]{100,}$/);
    assert.notEqual(store.open('state'), session);
  });

  describe('when a session is taken', () => {
    it('returns its state once, then refuses it as spent', () => {
      const { store } = clockedStore();
      const session = store.open('state');
      assert.equal(store.take(session), 'state');
      assert.throws(() => store.take(session), cognitoError('NotAuthorizedException', 'Invalid session for the user.'));
    });

    it('refuses a session it never issued', () => {
      const { store } = clockedStore();
      assert.throws(
        () => store.take('made-up'),
        cognitoError('NotAuthorizedException', 'Invalid session for the user.'),
      );
    });
  });

  describe('when a session outlives its time to live', () => {
    it('says it has expired', () => {
      const { store, advance } = clockedStore(1000);
      const session = store.open('state');
      advance(1001);
      assert.throws(
        () => store.take(session),
        cognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.'),
      );
    });

    it('still accepts it at the last moment', () => {
      const { store, advance } = clockedStore(1000);
      const session = store.open('state');
      advance(1000);
      assert.equal(store.take(session), 'state');
    });
  });
});

describe('session store limits', () => {
  it('refuses a new session beyond the cap with TooManyRequestsException, until one is taken', () => {
    let now = 1_000_000;
    const store = createSessionStore<string>({ ttlMs: 1000, maxSessions: 2, now: () => now });
    const first = store.open('a');
    store.open('b');
    assert.throws(
      () => store.open('c'),
      cognitoError('TooManyRequestsException', 'Too many sign-ins in progress; try again later.'),
    );
    store.take(first);
    store.open('c');
    now += 1001;
    store.open('d'); // the expired ones make room
  });
});

describe('user store', () => {
  const users = createUserStore(
    [
      { email: 'alice@example.com' },
      { email: 'Bob@Example.com', password: 'pw', attributes: { name: 'Bob' }, enabled: false },
    ],
    'testpool',
  );
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  describe('when the pool signs in with email, like the deployed stack', () => {
    it('gives every user a generated UUID username that equals its sub', () => {
      const alice = users.find('alice@example.com')!;
      assert.match(alice.username, uuid);
      assert.equal(alice.username, alice.sub);
      assert.equal(alice.email, 'alice@example.com');
    });

    it('finds users by email in any letter case, and by username', () => {
      const bob = users.find('bob@example.com')!;
      assert.equal(users.find('BOB@EXAMPLE.COM'), bob);
      assert.equal(users.find(bob.username), bob);
      assert.equal(users.find(bob.username.toUpperCase()), bob);
      assert.equal(users.find('carol@example.com'), undefined);
    });
  });

  it('completes the attributes with a stable sub and a verified email, as written', () => {
    const alice = users.find('alice@example.com')!;
    assert.deepEqual(alice.attributes, { sub: alice.sub, email: 'alice@example.com', email_verified: 'true' });
    assert.equal(users.find('bob@example.com')!.attributes.email, 'Bob@Example.com');
    assert.equal(createUserStore([{ email: 'ALICE@example.com' }], 'other').find('alice@example.com')?.sub, alice.sub);
  });

  it('takes a given sub as the username', () => {
    const sub = '0b5c2f4e-8d1a-4c3b-9e7f-123456789abc';
    assert.equal(createUserStore([{ email: 'a@x.io', attributes: { sub } }], 'p').find('a@x.io')?.username, sub);
  });

  it('keeps an SRP verifier instead of the password', () => {
    const bob = users.find('bob@example.com')!;
    assert.equal(bob.enabled, false);
    assert.ok(bob.passwordVerifier);
    assert.ok(!JSON.stringify({ ...bob, passwordVerifier: undefined }).includes('"pw"'));
    assert.equal(users.find('alice@example.com')!.passwordVerifier, undefined);
  });

  it('refuses the same email twice in any letter case, and a sub that is not a UUID', () => {
    assert.throws(() => createUserStore([{ email: 'a@x.io' }, { email: 'A@x.io' }], 'p'), /Duplicate email "A@x.io"/);
    assert.throws(
      () => createUserStore([{ email: 'a@x.io', attributes: { sub: 'alice' } }], 'p'),
      /The "sub" of a@x.io must be a UUID/,
    );
  });

  describe('when the users file is malformed', () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['not an array', { email: 'a@x.io' }, /users.json: expected a JSON array of users/],
      ['an entry without an email', [{ attributes: {} }], /users.json: user 1 needs an "email" address/],
      ['an email that is no address', [{ email: 'alice' }], /user 1 needs an "email" address/],
      [
        'a chosen username',
        [{ username: 'alice', email: 'a@x.io' }],
        /user 1: "username" cannot be chosen; the pool signs in with "email" and generates the username/,
      ],
      ['a numeric password', [{ email: 'a@x.io', password: 42 }], /user 1: "password" must be a string/],
      [
        'attributes that are not strings',
        [{ email: 'a@x.io' }, { email: 'b@x.io', attributes: { age: 3 } }],
        /user 2: "attributes" must map names to strings/,
      ],
      ['the email among the attributes', [{ email: 'a@x.io', attributes: { email: 'b@x.io' } }], /give the address/],
      ['enabled as text', [{ email: 'a@x.io', enabled: 'yes' }], /"enabled" must be true or false/],
    ];
    for (const [name, json, message] of cases) {
      it(`names the problem for ${name}`, () => {
        assert.throws(() => parseUsers(json, 'users.json'), message);
      });
    }
  });
});

describe('token service', async () => {
  const keys = await createSigningKeys();
  const users = createUserStore([{ email: 'alice@example.com' }], 'testpool');
  const alice = users.find('alice@example.com')!;
  let now = Date.UTC(2026, 10, 26, 9, 0, 0);
  const tokens = createTokenService({ keys, users, issuer: () => 'http://127.0.0.1:1/local_testpool', now: () => now });

  it('signs ID and access tokens with different RS256 keys, both in the JWKS', async () => {
    const { AccessToken, IdToken } = await tokens.signIn(alice, 'client');
    assert.deepEqual(decodeProtectedHeader(IdToken), { alg: 'RS256', kid: keys.id.kid });
    assert.deepEqual(decodeProtectedHeader(AccessToken), { alg: 'RS256', kid: keys.access.kid });
    assert.notEqual(keys.id.kid, keys.access.kid);
    assert.deepEqual(
      keys.jwks.keys.map((key) => key.kid),
      [keys.id.kid, keys.access.kid],
    );
  });

  it('gives both tokens of one sign-in, and the tokens refreshed from it, one event_id', async () => {
    const first = await tokens.signIn(alice, 'client');
    const refreshed = await tokens.refresh(first.RefreshToken!, 'client');
    const second = await tokens.signIn(alice, 'client');
    const eventIds = [first.AccessToken, first.IdToken, refreshed.AccessToken, refreshed.IdToken].map(
      (token) => decodeJwt(token).event_id,
    );
    assert.equal(new Set(eventIds).size, 1);
    assert.notEqual(decodeJwt(second.IdToken).event_id, eventIds[0]);
  });

  it('puts the claims clients read into the access and ID tokens', async () => {
    const result = await tokens.signIn(alice, 'client');
    const iat = Math.floor(now / 1000);
    const access = decodeJwt(result.AccessToken);
    const id = decodeJwt(result.IdToken);
    assert.deepEqual(
      { ...access, jti: undefined, origin_jti: undefined, event_id: undefined },
      {
        sub: alice.sub,
        username: alice.username,
        client_id: 'client',
        token_use: 'access',
        scope: 'aws.cognito.signin.user.admin',
        iss: 'http://127.0.0.1:1/local_testpool',
        iat,
        exp: iat + 3600,
        auth_time: iat,
        jti: undefined,
        origin_jti: undefined,
        event_id: undefined,
      },
    );
    assert.equal(id.token_use, 'id');
    assert.equal(id['cognito:username'], alice.username);
    assert.equal(id.email, 'alice@example.com');
    assert.equal(id.email_verified, true);
    assert.equal(id.aud, 'client');
    assert.equal(id.origin_jti, access.origin_jti);
    assert.notEqual(id.jti, access.jti);
    assert.equal(result.ExpiresIn, 3600);
  });

  describe('when a refresh token is old', () => {
    it('refuses it after 30 days by default, saying it has expired', async () => {
      let at = Date.UTC(2026, 10, 26, 9, 0, 0);
      const service = createTokenService({
        keys,
        users,
        issuer: () => 'http://127.0.0.1:1/local_testpool',
        now: () => at,
      });
      const { RefreshToken } = await service.signIn(alice, 'client');
      at += 30 * 24 * 3600_000;
      await service.refresh(RefreshToken!, 'client');
      at += 1;
      await assert.rejects(
        service.refresh(RefreshToken!, 'client'),
        cognitoError('NotAuthorizedException', 'Refresh Token has expired'),
      );
    });

    it('keeps at most maxGrants refresh tokens, forgetting the oldest', async () => {
      const service = createTokenService({
        keys,
        users,
        issuer: () => 'http://127.0.0.1:1/local_testpool',
        maxGrants: 2,
      });
      const oldest = (await service.signIn(alice, 'client')).RefreshToken!;
      await service.signIn(alice, 'client');
      const newest = (await service.signIn(alice, 'client')).RefreshToken!;
      await assert.rejects(
        service.refresh(oldest, 'client'),
        cognitoError('NotAuthorizedException', 'Invalid Refresh Token'),
      );
      await service.refresh(newest, 'client');
    });
  });

  describe('when an access token is checked', () => {
    it('accepts a fresh one', async () => {
      const { AccessToken } = await tokens.signIn(alice, 'client');
      assert.equal(await tokens.verifyAccessToken(AccessToken), alice);
    });

    it('says when it has expired', async () => {
      const { AccessToken } = await tokens.signIn(alice, 'client');
      now += 3601_000;
      await assert.rejects(
        tokens.verifyAccessToken(AccessToken),
        cognitoError('NotAuthorizedException', 'Access Token has expired'),
      );
    });

    it('refuses an ID token or a tampered token', async () => {
      const { AccessToken, IdToken } = await tokens.signIn(alice, 'client');
      const invalid = cognitoError('NotAuthorizedException', 'Invalid Access Token');
      await assert.rejects(tokens.verifyAccessToken(IdToken), invalid);
      await assert.rejects(tokens.verifyAccessToken(`${AccessToken.slice(0, -4)}AAAA`), invalid);
      await assert.rejects(tokens.verifyAccessToken('not a token'), invalid);
    });
  });

  describe('when a refresh token is revoked', () => {
    it('refuses it and the access tokens issued with it', async () => {
      const { AccessToken, RefreshToken } = await tokens.signIn(alice, 'client');
      await tokens.refresh(RefreshToken!, 'client');
      tokens.revoke(RefreshToken!, 'client');
      await assert.rejects(
        tokens.refresh(RefreshToken!, 'client'),
        cognitoError('NotAuthorizedException', 'Refresh Token has been revoked'),
      );
      await assert.rejects(
        tokens.verifyAccessToken(AccessToken),
        cognitoError('NotAuthorizedException', 'Access Token has been revoked'),
      );
    });

    it('refuses to revoke an access or ID token, which are not revocable', async () => {
      const { AccessToken, IdToken } = await tokens.signIn(alice, 'client');
      for (const token of [AccessToken, IdToken]) {
        assert.throws(
          () => tokens.revoke(token, 'client'),
          cognitoError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.'),
        );
      }
    });

    it('leaves other sign-ins of the same user alone', async () => {
      const first = await tokens.signIn(alice, 'client');
      const second = await tokens.signIn(alice, 'client');
      tokens.revoke(first.RefreshToken!, 'client');
      await assert.doesNotReject(tokens.refresh(second.RefreshToken!, 'client'));
    });
  });

  it('refuses a refresh token presented by another client', async () => {
    const { RefreshToken } = await tokens.signIn(alice, 'client');
    await assert.rejects(
      tokens.refresh(RefreshToken!, 'other'),
      cognitoError('NotAuthorizedException', 'Invalid Refresh Token'),
    );
  });
});
