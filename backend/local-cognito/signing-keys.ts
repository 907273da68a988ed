import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/** The pool's token-signing key pair, made fresh at every start. */
export interface SigningKeys {
  /** Key id, written in each token's header and in the JWKS. */
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
  /** The public key set an application backend fetches to verify tokens. */
  readonly jwks: { readonly keys: readonly JWK[] };
}

/** Generates an RS256 key pair and its JWKS. */
export async function createSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwks: { keys: [jwk] } };
}
