import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { issuePasswordChallenge, isPasswordClaimValid } from '../../../backend/local-cognito/password-verifier.ts';
import {
  N,
  createPasswordVerifier,
  formatTimestamp,
  g,
  isValidTimestamp,
  modPowN,
  padHex,
  parseClientPublicValue,
} from '../../../backend/local-cognito/srp.ts';

// The client side written out independently with plain BigInt, as the client library computes it.
function bigPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  base %= modulus;
  for (; exponent > 0n; exponent >>= 1n) {
    if (exponent & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
  }
  return result;
}
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hexHash = (hex: string) => BigInt(`0x${sha(Buffer.from(hex, 'hex'))}`);

function clientSignature(options: {
  poolName: string;
  userId: string;
  password: string;
  parameters: Record<string, string>;
  a: bigint;
  timestamp: string;
}) {
  const { poolName, userId, password, parameters, a, timestamp } = options;
  const A = bigPow(g, a, N);
  const B = BigInt(`0x${parameters.SRP_B}`);
  const k = hexHash(padHex(N) + padHex(g));
  const u = hexHash(padHex(A) + padHex(B));
  const x = hexHash(padHex(BigInt(`0x${parameters.SALT}`)) + sha(`${poolName}${userId}:${password}`));
  const base = (((B - k * bigPow(g, x, N)) % N) + N) % N;
  const S = bigPow(base, a + u * x, N);
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest();
  const key = createHmac('sha256', prk).update('Caldera Derived Key\u0001').digest().subarray(0, 16);
  return createHmac('sha256', key)
    .update(poolName)
    .update(userId)
    .update(Buffer.from(parameters.SECRET_BLOCK!, 'base64'))
    .update(timestamp)
    .digest('base64');
}

const POOL = 'testpool';
const USER = 'bob@example.com';
const PASSWORD = 'Correct-Horse-42';

function handshake(passwordOnServer: string | undefined) {
  const a = BigInt(`0x${randomBytes(128).toString('hex')}`);
  const A = bigPow(g, a, N);
  const { state, parameters } = issuePasswordChallenge({
    userId: USER,
    A,
    passwordVerifier: passwordOnServer ? createPasswordVerifier(POOL, USER, passwordOnServer) : undefined,
    decoySecret: Buffer.alloc(32, 7),
  });
  const timestamp = formatTimestamp(new Date());
  const claim = (password: string) => ({
    secretBlock: parameters.SECRET_BLOCK!,
    timestamp,
    signature: clientSignature({ poolName: POOL, userId: USER, password, parameters, a, timestamp }),
  });
  return { state, parameters, claim, timestamp };
}

describe('SRP password verification', () => {
  it('uses the 3072-bit group of RFC 5054 with generator 2', () => {
    assert.equal(N.toString(16).length, 768);
    assert.ok(N.toString(16).startsWith('ffffffffffffffffc90fdaa22168c234'));
    assert.equal(g, 2n);
  });

  it('computes modular powers exactly like BigInt arithmetic', () => {
    for (let i = 0; i < 5; i++) {
      const base = BigInt(`0x${randomBytes(300).toString('hex')}`) % N;
      const exponent = BigInt(`0x${randomBytes(128).toString('hex')}`);
      assert.equal(modPowN(base, exponent), bigPow(base, exponent, N));
      assert.equal(modPowN(g, exponent), bigPow(g, exponent, N));
    }
  });

  it('pads hex to an unambiguous positive form', () => {
    assert.equal(padHex(0x14n), '14');
    assert.equal(padHex(0xecn), '00ec');
    assert.equal(padHex(0xabcn), '0abc');
  });

  describe('when the client knows the password', () => {
    it('accepts its signature', () => {
      const { state, claim } = handshake(PASSWORD);
      assert.equal(isPasswordClaimValid(state, claim(PASSWORD), POOL), true);
    });

    it('rejects the signature under another pool name', () => {
      const { state, claim } = handshake(PASSWORD);
      assert.equal(isPasswordClaimValid(state, claim(PASSWORD), 'otherpool'), false);
    });

    it('rejects a changed timestamp or secret block', () => {
      const { state, claim, timestamp } = handshake(PASSWORD);
      const good = claim(PASSWORD);
      assert.equal(
        isPasswordClaimValid(state, { ...good, timestamp: timestamp.replace(/\d\d UTC/, '61 UTC') }, POOL),
        false,
      );
      assert.equal(
        isPasswordClaimValid(state, { ...good, secretBlock: randomBytes(64).toString('base64') }, POOL),
        false,
      );
    });
  });

  describe('when the password is wrong', () => {
    it('rejects the signature', () => {
      const { state, claim } = handshake(PASSWORD);
      assert.equal(isPasswordClaimValid(state, claim('correct-horse-42'), POOL), false);
    });
  });

  describe('when the user has no password', () => {
    it('issues a challenge of the same shape that no password answers', () => {
      const real = handshake(PASSWORD);
      const decoy = handshake(undefined);
      assert.deepEqual(Object.keys(decoy.parameters).sort(), Object.keys(real.parameters).sort());
      assert.match(decoy.parameters.SALT!, /^[0-9a-f]{32}$/);
      assert.equal(isPasswordClaimValid(decoy.state, decoy.claim(PASSWORD), POOL), false);
      assert.equal(isPasswordClaimValid(decoy.state, decoy.claim(''), POOL), false);
    });

    it('keeps the decoy salt stable for the same user, as a stored one would be', () => {
      assert.equal(handshake(undefined).parameters.SALT, handshake(undefined).parameters.SALT);
    });
  });

  describe('when the client sends a degenerate public value', () => {
    it('refuses 0, 1, N - 1, N and non-hex text', () => {
      for (const value of ['0', '1', (N - 1n).toString(16), N.toString(16), 'xyz', '', 'f'.repeat(3000)]) {
        assert.equal(parseClientPublicValue(value), undefined, value.slice(0, 10));
      }
      assert.equal(parseClientPublicValue('2'), 2n);
    });
  });
});

describe('SRP timestamps', () => {
  it('are formatted as the client signs them, day of month unpadded', () => {
    assert.equal(formatTimestamp(new Date(Date.UTC(2026, 10, 6, 9, 5, 7))), 'Fri Nov 6 09:05:07 UTC 2026');
  });

  it('are accepted only in that format and for real dates', () => {
    assert.equal(isValidTimestamp('Thu Nov 26 09:52:47 UTC 2026'), true);
    for (const text of [
      'Thu Nov 26 09:52:47 GMT 2026',
      'Fri Nov 26 09:52:47 UTC 2026',
      'Thu Nov 06 09:52:47 UTC 2026',
      'Mon Feb 30 09:52:47 UTC 2026',
      'Thu Nov 26 24:00:00 UTC 2026',
      '2026-11-26T09:52:47Z',
      '',
    ]) {
      assert.equal(isValidTimestamp(text), false, text);
    }
  });
});
