import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/** One RS256 key pair and its key id. */
export interface SigningKey {
  /** Key id, written in each token's header and in the JWKS. */
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

/**
 * The pool's token-signing keys, made fresh at every start. Like Cognito, ID and access tokens are signed with
 * different keys, so a verifier that takes the first key of the set instead of the token's `kid` fails here too.
 */
export interface SigningKeys {
  readonly id: SigningKey;
  readonly access: SigningKey;
  /** The public key set an application backend fetches to verify tokens: both keys. */
  readonly jwks: { readonly keys: readonly JWK[] };
}

async function createSigningKey(): Promise<{ key: SigningKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  return {
    key: { kid, privateKey, publicKey },
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

/** Generates the ID-token and access-token key pairs and their JWKS. */
export async function createSigningKeys(): Promise<SigningKeys> {
  const [id, access] = await Promise.all([createSigningKey(), createSigningKey()]);
  return { id: id.key, access: access.key, jwks: { keys: [id.jwk, access.jwk] } };
}
