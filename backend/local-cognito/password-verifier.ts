import { hkdfSync, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '../triggers/constant-time-equal.ts';
import {
  N,
  createPasswordVerifier,
  passwordClaimSignature,
  sessionKey,
  startHandshake,
  toBigIntFromBytes,
  type PasswordVerifier,
  type ServerHandshake,
} from './srp.ts';

/** What the server remembers between the PASSWORD_VERIFIER challenge and its answer. */
export interface PasswordChallengeState {
  readonly userId: string;
  readonly handshake: ServerHandshake;
  readonly verifier: bigint;
  readonly secretBlock: string;
}

/** The client's answer to PASSWORD_VERIFIER. */
export interface PasswordClaim {
  readonly secretBlock: string;
  readonly timestamp: string;
  readonly signature: string;
}

/**
 * Issues a PASSWORD_VERIFIER challenge. Users without a password (unknown, or passwordless only) get a decoy
 * salt and verifier derived from their name, so the challenge looks and costs the same and stays stable
 * across attempts, but no password can answer it.
 */
export function issuePasswordChallenge(options: {
  readonly userId: string;
  readonly A: bigint;
  readonly passwordVerifier: PasswordVerifier | undefined;
  /** Server secret the decoys are derived from. */
  readonly decoySecret: Buffer;
}): { state: PasswordChallengeState; parameters: Record<string, string> } {
  const { userId, A, decoySecret } = options;
  const { salt, verifier } = options.passwordVerifier ?? decoyVerifier(decoySecret, userId);
  const handshake = startHandshake(A, verifier);
  const secretBlock = randomBytes(64).toString('base64');
  return {
    state: { userId, handshake, verifier, secretBlock },
    parameters: {
      SALT: salt,
      SRP_B: handshake.B.toString(16),
      SECRET_BLOCK: secretBlock,
      USER_ID_FOR_SRP: userId,
      USERNAME: userId,
    },
  };
}

/** Checks the client's PASSWORD_CLAIM_SIGNATURE for the challenge it answers. */
export function isPasswordClaimValid(state: PasswordChallengeState, claim: PasswordClaim, poolName: string): boolean {
  const key = sessionKey(state.handshake, state.verifier);
  if (!key || claim.secretBlock !== state.secretBlock) return false;
  const expected = passwordClaimSignature(key, poolName, state.userId, state.secretBlock, claim.timestamp);
  return constantTimeEqual(claim.signature, expected);
}

function decoyVerifier(secret: Buffer, userId: string): PasswordVerifier {
  const derive = (purpose: string, length: number) =>
    Buffer.from(hkdfSync('sha256', secret, userId.toLowerCase(), purpose, length));
  return {
    salt: derive('decoy salt', 16).toString('hex'),
    verifier: toBigIntFromBytes(derive('decoy verifier', 384)) % N,
  };
}

/**
 * Checks a password sent in the clear (`USER_AUTH`'s PASSWORD challenge) against the stored verifier, by deriving
 * the verifier again with the stored salt. A user without a password is checked against a throwaway salt, so the
 * answer costs the same and is always false.
 */
export function isPasswordCorrect(
  passwordVerifier: PasswordVerifier | undefined,
  poolName: string,
  userId: string,
  password: string,
): boolean {
  const salt = passwordVerifier?.salt ?? randomBytes(16).toString('hex');
  const derived = createPasswordVerifier(poolName, userId, password, salt).verifier;
  return passwordVerifier !== undefined && derived === passwordVerifier.verifier;
}
