/**
 * A passkey authenticator played by the test: a real P-256 key from node:crypto, and the WebAuthn messages a
 * browser would send for it (client data, authenticator data, a "none" attestation, signed assertions), built
 * by hand so that the endpoint's checks (by @simplewebauthn/server) meet bytes they did not produce themselves.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

// The CBOR subset an attestation needs (RFC 8949): small integers, byte and text strings, maps.
function cbor(value: Cbor): Buffer {
  const head = (major: number, length: number) => {
    if (length < 24) return Buffer.from([(major << 5) | length]);
    if (length < 256) return Buffer.from([(major << 5) | 24, length]);
    return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  };
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') return Buffer.concat([head(3, Buffer.byteLength(value)), Buffer.from(value)]);
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), value]);
  return Buffer.concat([head(5, value.size), ...[...value].flatMap(([key, entry]) => [cbor(key), cbor(entry)])]);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Buffer | Uint8Array) => Buffer.from(data).toString('base64url');

// Authenticator data flags: user present, user verified, attested credential data included.
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

/** What the endpoint's options say, as far as the authenticator cares. */
interface Options {
  readonly challenge: string;
  readonly rp?: { readonly id?: string };
  readonly rpId?: string;
  readonly user?: { readonly id: string };
}

/** One credential on the test's authenticator. */
export interface TestPasskey {
  readonly id: string;
  readonly userHandle: string | undefined;
  readonly privateKey: KeyObject;
  counter: number;
}

/** Options for a ceremony, to play a misbehaving browser or authenticator. */
export interface CeremonyOptions {
  /** The page's origin. Default `http://localhost:8000`. */
  readonly origin?: string;
  /** The rp id the authenticator signs for. Default: the one the options name. */
  readonly rpId?: string;
  /** Whether the authenticator verified the user. Default true. */
  readonly userVerified?: boolean;
  /** The challenge answered. Default: the one the options carry. */
  readonly challenge?: string;
}

/** Creates a credential for `navigator.credentials.create()` options; returns it and the RegistrationResponseJSON. */
export function createPasskey(options: Options, ceremony: CeremonyOptions = {}) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const credentialId = randomBytes(32);
  const coseKey = new Map<Cbor, Cbor>([
    [1, 2], // kty: EC2
    [3, -7], // alg: ES256
    [-1, 1], // crv: P-256
    [-2, Buffer.from(jwk.x!, 'base64url')],
    [-3, Buffer.from(jwk.y!, 'base64url')],
  ]);
  const rpId = ceremony.rpId ?? options.rp?.id ?? 'localhost';
  const flags = UP | AT | (ceremony.userVerified === false ? 0 : UV);
  const length = Buffer.from([credentialId.length >> 8, credentialId.length & 0xff]);
  const authData = Buffer.concat([
    sha256(rpId),
    Buffer.from([flags]),
    Buffer.alloc(4), // signature counter 0, as passkeys that sync keep it
    Buffer.alloc(16), // AAGUID: none given
    length,
    credentialId,
    cbor(coseKey),
  ]);
  const attestationObject = cbor(
    new Map<Cbor, Cbor>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', authData],
    ]),
  );
  const passkey: TestPasskey = { id: b64url(credentialId), userHandle: options.user?.id, privateKey, counter: 0 };
  const response = credentialJson(passkey, {
    clientDataJSON: clientData('webauthn.create', ceremony.challenge ?? options.challenge, ceremony.origin),
    attestationObject: b64url(attestationObject),
    transports: ['internal'],
  });
  return { passkey, response };
}

/** Signs a `navigator.credentials.get()` request with the passkey; returns the AuthenticationResponseJSON. */
export function assertPasskey(passkey: TestPasskey, options: Options, ceremony: CeremonyOptions = {}) {
  passkey.counter += 1;
  const rpId = ceremony.rpId ?? options.rpId ?? 'localhost';
  const counter = Buffer.alloc(4);
  counter.writeUInt32BE(passkey.counter);
  const authenticatorData = Buffer.concat([
    sha256(rpId),
    Buffer.from([UP | (ceremony.userVerified === false ? 0 : UV)]),
    counter,
  ]);
  const clientDataJSON = clientData('webauthn.get', ceremony.challenge ?? options.challenge, ceremony.origin);
  const signature = sign(
    'sha256',
    Buffer.concat([authenticatorData, sha256(Buffer.from(clientDataJSON, 'base64url'))]),
    passkey.privateKey,
  );
  return credentialJson(passkey, {
    clientDataJSON,
    authenticatorData: b64url(authenticatorData),
    signature: b64url(signature),
    ...(passkey.userHandle ? { userHandle: passkey.userHandle } : {}),
  });
}

// The PublicKeyCredential JSON a browser sends for a platform authenticator's credential.
function credentialJson<R>(passkey: TestPasskey, response: R) {
  return {
    id: passkey.id,
    rawId: passkey.id,
    type: 'public-key',
    authenticatorAttachment: 'platform',
    clientExtensionResults: {},
    response,
  };
}

function clientData(type: string, challenge: string, origin = 'http://localhost:8000'): string {
  return b64url(Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false })));
}
