import { createDiffieHellman, createHash, createHmac, getDiffieHellman, randomBytes } from 'node:crypto';

/*
 * The server half of Cognito's SRP-6a variant, mirroring what the client library computes:
 * SHA-256, the 3072-bit group of RFC 5054 (the same prime as RFC 3526 group 15) and g = 2.
 * Big numbers travel as hex; "padded hex" is the even-length form with a 00 prefix when the top bit is set.
 */

const PRIME = getDiffieHellman('modp15').getPrime();
const GENERATOR = Buffer.from([2]);
/** The group's prime N. */
export const N = toBigIntFromBytes(PRIME);
/** The group's generator g. */
export const g = 2n;

/** Even-length hex of a non-negative number, with `00` in front when its top bit is set. */
export function padHex(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

/** SHA-256 of the bytes a hex string encodes, as 64 hex digits. */
export function hashHex(hex: string): string {
  return createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
}

/** The multiplier k = H(PAD(N) ‖ PAD(g)). */
export const k = BigInt(`0x${hashHex(padHex(N) + padHex(g))}`);

/**
 * `base^exponent mod N` through OpenSSL's Diffie-Hellman code, which is several times faster than
 * JavaScript BigInt over a 3072-bit modulus. OpenSSL refuses degenerate bases (≤ 1 or ≥ N − 1) by throwing.
 */
export function modPowN(base: bigint, exponent: bigint): bigint {
  const dh = createDiffieHellman(PRIME, GENERATOR);
  dh.setPrivateKey(toBuffer(exponent));
  return toBigIntFromBytes(base === g ? dh.generateKeys() : dh.computeSecret(toBuffer(base)));
}

/** What a pool stores instead of a password: a salt (hex) and the verifier v = g^x mod N. */
export interface PasswordVerifier {
  readonly salt: string;
  readonly verifier: bigint;
}

/** x = H(PAD(salt) ‖ H(poolName ‖ userId ‖ ':' ‖ password)). */
export function passwordExponent(salt: string, poolName: string, userId: string, password: string): bigint {
  const identityHash = createHash('sha256').update(`${poolName}${userId}:${password}`, 'utf8').digest('hex');
  return BigInt(`0x${hashHex(padHex(BigInt(`0x${salt}`)) + identityHash)}`);
}

/** Derives the stored verifier for a password; the salt defaults to 16 random bytes. */
export function createPasswordVerifier(
  poolName: string,
  userId: string,
  password: string,
  salt = randomBytes(16).toString('hex'),
): PasswordVerifier {
  return { salt, verifier: modPowN(g, passwordExponent(salt, poolName, userId, password)) };
}

/** The server's ephemeral values for one handshake. */
export interface ServerHandshake {
  readonly A: bigint;
  readonly b: bigint;
  readonly B: bigint;
}

/** Reads the client's public value SRP_A (hex); undefined unless 1 < A < N − 1. */
export function parseClientPublicValue(srpA: string): bigint | undefined {
  if (!/^[0-9a-fA-F]{1,2048}$/.test(srpA)) return undefined;
  const A = BigInt(`0x${srpA}`);
  return A > 1n && A < N - 1n ? A : undefined;
}

/** Picks the server's secret b and public B = (k·v + g^b) mod N. */
export function startHandshake(A: bigint, verifier: bigint): ServerHandshake {
  const b = toBigIntFromBytes(randomBytes(64));
  const B = (k * verifier + modPowN(g, b)) % N;
  return { A, b, B };
}

/**
 * The 16-byte key both sides derive: S = (A · v^u)^b mod N with u = H(PAD(A) ‖ PAD(B)), then
 * HKDF-SHA256 with PAD(u) as salt and the info "Caldera Derived Key". Undefined when A is degenerate.
 */
export function sessionKey({ A, b, B }: ServerHandshake, verifier: bigint): Buffer | undefined {
  const u = BigInt(`0x${hashHex(padHex(A) + padHex(B))}`);
  if (u === 0n) return undefined;
  try {
    const S = modPowN((A * modPowN(verifier, u)) % N, b);
    return deriveKey(S, u);
  } catch {
    return undefined;
  }
}

/** HKDF (one block) over the shared secret, as the client computes it. */
export function deriveKey(S: bigint, u: bigint): Buffer {
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(S), 'hex'))
    .digest();
  const info = Buffer.concat([Buffer.from('Caldera Derived Key', 'utf8'), Buffer.from([1])]);
  return createHmac('sha256', prk).update(info).digest().subarray(0, 16);
}

/** PASSWORD_CLAIM_SIGNATURE = base64(HMAC(K, poolName ‖ userId ‖ secretBlock bytes ‖ timestamp)). */
export function passwordClaimSignature(
  key: Buffer,
  poolName: string,
  userId: string,
  secretBlock: string,
  timestamp: string,
): string {
  return createHmac('sha256', key)
    .update(Buffer.from(poolName, 'utf8'))
    .update(Buffer.from(userId, 'utf8'))
    .update(Buffer.from(secretBlock, 'base64'))
    .update(Buffer.from(timestamp, 'utf8'))
    .digest('base64');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIMESTAMP =
  /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) ([1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d) UTC (\d{4})$/;

/** Formats a time the way the client signs it: `Thu Nov 26 09:52:47 UTC 2026` (day of month not padded). */
export function formatTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

/** Whether a TIMESTAMP has the client's format and names a real calendar day with its right weekday. */
export function isValidTimestamp(text: string): boolean {
  const match = TIMESTAMP.exec(text);
  const monthIndex = match ? MONTHS.indexOf(match[2]!) : -1;
  if (!match || monthIndex < 0) return false;
  const [, , , date, hours, minutes, seconds, year] = match.map(Number);
  const parsed = new Date(Date.UTC(year!, monthIndex, date!, hours!, minutes!, seconds!));
  // Formatting the parsed time back catches 30 February, a wrong weekday and two-digit years alike.
  return formatTimestamp(parsed) === text;
}

function toBuffer(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
}

/** Reads big-endian bytes as a non-negative number. */
export function toBigIntFromBytes(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}
