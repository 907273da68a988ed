import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { GetPublicKeyCommand, KMSClient, SignCommand, type KMSClientConfig } from '@aws-sdk/client-kms';
import type { LinkSigner } from './link-token.ts';

/**
 * The deployed {@link LinkSigner}: an asymmetric KMS key (the stack's) signs, and the signature is checked here
 * against the key's public half.
 *
 * The key is ECC_NIST_P256 for ECDSA_SHA_256: the shortest signatures KMS makes (about 71 bytes, DER, so about 95
 * characters of the link) and the cheapest to check; an RSA key would put 256 bytes or more into every link.
 * The DER signature is what the token carries, as opaque bytes, so the token format is the HMAC signer's.
 *
 * Only signing needs KMS. Checking uses `node:crypto` with the public key, fetched once per warm Lambda
 * (GetPublicKey) and kept: an asymmetric KMS key never rotates its key material, so the public key of one key id
 * never changes. That saves a KMS request, and its latency, on every link answer, and keeps the check within
 * Cognito's trigger time even when KMS is slow, once the instance is warm.
 */
export interface KmsLinkSignerOptions {
  /** The key's id or ARN (`LINK_SIGNING_KEY_ID`). */
  readonly keyId: string;
  /** The KMS client; by default one with {@link LINK_SIGNING_CLIENT_CONFIG}, built on first use. */
  readonly client?: Pick<KMSClient, 'send'>;
}

/** What the key must be, as the stack creates it. */
export const LINK_SIGNING_KEY = {
  keySpec: 'ECC_NIST_P256',
  keyUsage: 'SIGN_VERIFY',
  algorithm: 'ECDSA_SHA_256',
} as const;

/**
 * Settings of the KMS client: Cognito gives a trigger 5 seconds in all, and Create still has to send the code
 * when KMS does not answer, so a silent KMS costs at most about 2.5 seconds (two tries of at most 0.4 s to
 * connect and 0.8 s to answer) instead of the SDK's unbounded wait.
 */
export const LINK_SIGNING_CLIENT_CONFIG = {
  maxAttempts: 2,
  // Without throwOnRequestTimeout, newer SDKs only warn when the answer is late.
  requestHandler: { connectionTimeout: 400, requestTimeout: 800, throwOnRequestTimeout: true },
} as const satisfies KMSClientConfig;

/** KMS did not sign or did not give its public key: says which key and why, never the message signed. */
export class LinkSigningUnavailableError extends Error {
  constructor(action: string, keyId: string, cause: unknown) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`KMS could not ${action} for sign-in links (key ${keyId}): ${reason}`, { cause });
    this.name = 'LinkSigningUnavailableError';
  }
}

/** A {@link LinkSigner} backed by the KMS key `keyId`. */
export function createKmsLinkSigner(options: KmsLinkSignerOptions): LinkSigner {
  const { keyId } = options;
  // Created on first use: importing a trigger module (as the local endpoint does) must not build an AWS client.
  let client = options.client;
  const kms = () => (client ??= new KMSClient(LINK_SIGNING_CLIENT_CONFIG));
  let publicKey: Promise<KeyObject> | undefined;

  async function fetchPublicKey(): Promise<KeyObject> {
    let der: Uint8Array | undefined;
    let algorithms: readonly string[] | undefined;
    try {
      const answer = await kms().send(new GetPublicKeyCommand({ KeyId: keyId }));
      der = answer.PublicKey;
      algorithms = answer.SigningAlgorithms;
    } catch (error) {
      throw new LinkSigningUnavailableError('give the public key', keyId, error);
    }
    const key = der ? createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }) : undefined;
    if (
      key?.asymmetricKeyDetails?.namedCurve !== 'prime256v1' ||
      (algorithms && !algorithms.includes(LINK_SIGNING_KEY.algorithm))
    ) {
      throw new Error(`The sign-in link key ${keyId} is not an ${LINK_SIGNING_KEY.keySpec} key for signing`);
    }
    return key;
  }

  return {
    async sign(message) {
      try {
        const { Signature } = await kms().send(
          new SignCommand({
            KeyId: keyId,
            Message: message,
            MessageType: 'RAW',
            SigningAlgorithm: LINK_SIGNING_KEY.algorithm,
          }),
        );
        if (!Signature) throw new Error('no signature in the answer');
        return Buffer.from(Signature);
      } catch (error) {
        throw new LinkSigningUnavailableError('sign', keyId, error);
      }
    },
    async verify(message, signature) {
      // A failed fetch is forgotten, so the next link answer asks again rather than failing for the instance's life.
      const pending = (publicKey ??= fetchPublicKey());
      const key = await pending.catch((error: unknown) => {
        if (publicKey === pending) publicKey = undefined;
        throw error;
      });
      try {
        return verify('sha256', message, key, signature);
      } catch {
        // Bytes that are no DER signature at all: simply not ours.
        return false;
      }
    },
  };
}
