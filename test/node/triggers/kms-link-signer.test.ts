// The deployed link signer against a real KMS protocol server (moto_server), and the triggers built on it.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { VerifyCommand } from '@aws-sdk/client-kms';
import { createKmsLinkSigner } from '../../../backend/triggers/kms-link-signer.ts';
import {
  checkLinkToken,
  createHmacLinkSigner,
  signLinkToken,
  type LinkClaims,
  type LinkSigner,
} from '../../../backend/triggers/link-token.ts';
import { createPreAuthenticationHandler, LINK_METADATA_KEY } from '../../../backend/triggers/pre-authentication.ts';
import { LINK_ONLY_METADATA } from '../../../backend/triggers/sign-in-links.ts';
import { preAuthenticationEvent } from '../../../backend/triggers/trigger-events.ts';
import { NOW, alice } from './fixtures.ts';
import { tokenOf, useLinkBackends } from './links-fixture.ts';
import { countingKmsClient, freePort, useLocalKms } from './local-kms.ts';

const kms = useLocalKms();
const backend = useLinkBackends();

const CLAIMS: LinkClaims = {
  u: alice.userName,
  p: alice.userPoolId,
  c: alice.clientId,
  iat: NOW / 1000,
  exp: NOW / 1000 + 900,
  id: 'link-1',
};
const expectation = { username: alice.userName, userPoolId: alice.userPoolId, clientId: alice.clientId, now: NOW };

/** A signer on a new key of the local KMS, and the KMS commands it sends. */
async function kmsSigner() {
  const keyId = await kms.createKey();
  const { client, calls } = countingKmsClient(kms.endpoint());
  return { keyId, calls, signer: createKmsLinkSigner({ client, keyId }) };
}

/** A signer for an existing key whose KMS refuses every connection (nothing listens on the port). */
async function unreachableSigner(keyId: string) {
  const { client, calls } = countingKmsClient(`http://127.0.0.1:${await freePort()}`);
  return { calls, signer: createKmsLinkSigner({ client, keyId }) };
}

const count = (calls: string[], command: string) => calls.filter((call) => call === command).length;

describe('The KMS link signer', () => {
  it('signs tokens that it accepts, with ECDSA signatures that KMS itself verifies', async () => {
    const { signer, keyId } = await kmsSigner();
    const token = await signLinkToken(CLAIMS, signer);
    assert.deepEqual(await checkLinkToken(token, signer, expectation), { ok: true, claims: CLAIMS });
    const [prefix, claims, signature] = token.split('.') as [string, string, string];
    const { SignatureValid } = await kms.admin().send(
      new VerifyCommand({
        KeyId: keyId,
        Message: Buffer.from(`${prefix}.${claims}`),
        MessageType: 'RAW',
        Signature: Buffer.from(signature, 'base64url'),
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    assert.equal(SignatureValid, true);
  });

  it('asks KMS for one signature per token and for the public key once, however many tokens it checks', async () => {
    const { signer, calls } = await kmsSigner();
    const tokens = [];
    for (const id of ['a', 'b', 'c']) tokens.push(await signLinkToken({ ...CLAIMS, id }, signer));
    for (const token of tokens) assert.equal((await checkLinkToken(token, signer, expectation)).ok, true);
    assert.deepEqual(calls, ['Sign', 'Sign', 'Sign', 'GetPublicKey']);
  });

  it('refuses a token whose claims or signature were changed', async () => {
    const { signer } = await kmsSigner();
    const token = await signLinkToken(CLAIMS, signer);
    const [prefix, , signature] = token.split('.') as [string, string, string];
    const longer = Buffer.from(JSON.stringify({ ...CLAIMS, exp: CLAIMS.exp + 3600 })).toString('base64url');
    const flipped = Buffer.from(signature, 'base64url');
    flipped[flipped.length - 1]! ^= 1;
    for (const forged of [
      `${prefix}.${longer}.${signature}`,
      `${token.split('.').slice(0, 2).join('.')}.${flipped.toString('base64url')}`,
      `${token.split('.').slice(0, 2).join('.')}.AAAA`,
    ]) {
      assert.deepEqual(await checkLinkToken(forged, signer, expectation), { ok: false, refusal: 'signature' }, forged);
    }
  });

  it('refuses a token signed by another KMS key, or by an HMAC key', async () => {
    const ours = await kmsSigner();
    const theirs = await kmsSigner();
    for (const other of [theirs.signer, createHmacLinkSigner()]) {
      const token = await signLinkToken(CLAIMS, other);
      assert.deepEqual(await checkLinkToken(token, ours.signer, expectation), { ok: false, refusal: 'signature' });
    }
  });

  it('refuses to check with a key of another kind than the stack creates', async () => {
    const keyId = await kms.createKey('ECC_NIST_P384');
    const { client } = countingKmsClient(kms.endpoint());
    const signer = createKmsLinkSigner({ client, keyId });
    await assert.rejects(signer.verify(Buffer.from('x'), Buffer.from('y')), /is not an ECC_NIST_P256 key for signing/);
  });

  it('names the key and the reason when KMS refuses connections, and asks again at the next check', async () => {
    const { keyId } = await kmsSigner();
    const { signer, calls } = await unreachableSigner(keyId);
    await assert.rejects(signer.sign(Buffer.from('x')), {
      name: 'LinkSigningUnavailableError',
      message: new RegExp(`^KMS could not sign for sign-in links \\(key ${keyId}\\): .*ECONNREFUSED`),
    });
    const refused = {
      name: 'LinkSigningUnavailableError',
      message: new RegExp(`^KMS could not give the public key for sign-in links \\(key ${keyId}\\)`),
    };
    await assert.rejects(signer.verify(Buffer.from('x'), Buffer.from('y')), refused);
    await assert.rejects(signer.verify(Buffer.from('x'), Buffer.from('y')), refused);
    assert.equal(count(calls, 'GetPublicKey'), 2, 'a failed fetch is not kept');
  });

  // The timeout turns a signer that waits forever into a failure rather than a hung run.
  it(
    'gives up within about 2.5 seconds when KMS accepts the connection but never answers',
    { timeout: 10_000 },
    async () => {
      const sockets: Socket[] = [];
      const silent = createServer((socket) => void sockets.push(socket)).listen(0, '127.0.0.1');
      await once(silent, 'listening');
      try {
        const { client } = countingKmsClient(`http://127.0.0.1:${(silent.address() as { port: number }).port}`);
        const signer = createKmsLinkSigner({ client, keyId: await kms.createKey() });
        const started = performance.now();
        await assert.rejects(signer.sign(Buffer.from('x')), { name: 'LinkSigningUnavailableError' });
        const elapsed = performance.now() - started;
        assert.ok(elapsed < 3000, `gave up after ${Math.round(elapsed)} ms`);
        assert.equal(sockets.length, 2, 'two tries');
      } finally {
        for (const socket of sockets) socket.destroy();
        silent.close();
      }
    },
  );
});

describe('The triggers with the KMS signer', () => {
  it('email a link that Verify accepts once: one Sign per email, one GetPublicKey per warm instance', async () => {
    const { signer, calls } = await kmsSigner();
    const { email, answer } = await backend({}, { signer });
    for (let round = 0; round < 2; round++) {
      const token = tokenOf((await email()).message?.link);
      assert.equal(await answer(token), true);
      assert.equal(await answer(token), false, 'used');
    }
    assert.deepEqual(calls, ['Sign', 'GetPublicKey', 'Sign']);
  });

  it('let a sign-in start with the link elsewhere: Pre authentication checks it, Create waits for it', async () => {
    const { signer, calls } = await kmsSigner();
    const { email, startWith, round, answer, sent } = await backend({}, { signer });
    const token = tokenOf((await email()).message?.link);
    await startWith(token);
    const first = await round([]);
    assert.equal(first.challengeMetadata, LINK_ONLY_METADATA);
    assert.equal(await answer(token, alice, first.privateChallengeParameters), true);
    assert.equal(sent.length, 1, 'nothing emailed for the sign-in the link started');
    await assert.rejects(startWith(`${token.slice(0, -4)}AAAA`), { message: 'LinkRejected' });
    assert.deepEqual(calls, ['Sign', 'GetPublicKey']);
  });

  it('email the code alone when KMS cannot be reached, saying why in the log, and the code signs in', async () => {
    const { keyId } = await kmsSigner();
    const { signer } = await unreachableSigner(keyId);
    const log: string[] = [];
    const { email, answer } = await backend({}, { signer, log: (line) => log.push(line) });
    const { message, response } = await email();
    assert.ok(message, 'the email went out');
    assert.equal(message.link, undefined);
    assert.equal(message.code, response.privateChallengeParameters.code);
    assert.equal(response.publicChallengeParameters.deliveryMedium, 'EMAIL');
    assert.equal(log.length, 1);
    assert.match(
      log[0]!,
      /^sign-in link for user \S+ not issued, the code goes alone \(LinkSigningUnavailableError: KMS could not sign/,
    );
    assert.equal(await answer(message.code, alice, response.privateChallengeParameters), true);
  });

  it('fail a link answer with the reason while KMS cannot be reached, and accept the same link once it can', async () => {
    const reachable = await kmsSigner();
    const unreachable = await unreachableSigner(reachable.keyId);
    let checking: LinkSigner = unreachable.signer;
    // Create signed before KMS went away; the Lambdas that check links start while it is away.
    const signer: LinkSigner = {
      sign: (message) => reachable.signer.sign(message),
      verify: (...args) => checking.verify(...args),
    };
    const { email, answer, startWith } = await backend({}, { signer });
    const token = tokenOf((await email()).message?.link);
    const unavailable = /KMS could not give the public key for sign-in links/;
    await assert.rejects(answer(token), unavailable);
    await assert.rejects(startWith(token), unavailable);
    checking = reachable.signer;
    assert.equal(await answer(token), true, 'neither failure used the link up');
  });
});

describe('Pre authentication without sign-in links', () => {
  const preAuth = createPreAuthenticationHandler({ links: undefined, env: {} });

  it('refuses a sign-in that starts with a link', async () => {
    await assert.rejects(preAuth(preAuthenticationEvent(alice, { [LINK_METADATA_KEY]: 'cal1.e30.AAAA' })), {
      message: 'LinkRejected',
    });
  });

  it('lets a sign-in without one pass', async () => {
    const event = preAuthenticationEvent(alice, undefined);
    assert.deepEqual(await preAuth(event), event);
  });
});
