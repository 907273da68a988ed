import { randomInt } from 'node:crypto';
import { constantTimeEqual } from './constant-time-equal.ts';

/** A code issued for one sign-in, with the moment it stops being accepted. */
export interface IssuedCode {
  readonly code: string;
  /** Epoch milliseconds after which the code is rejected. */
  readonly expiresAt: number;
}

/** Draws one decimal digit; replaceable in tests to check the code's composition. */
export type DigitSource = () => number;

// randomInt's upper bound is exclusive: (0, 10) yields 0–9, so every digit can occur.
const cryptoDigit: DigitSource = () => randomInt(0, 10);

/** Generates a code of `length` independent, uniformly drawn decimal digits. */
export function generateCode(length: number, nextDigit: DigitSource = cryptoDigit): string {
  let code = '';
  for (let i = 0; i < length; i++) code += String(nextDigit());
  return code;
}

const METADATA_PATTERN = /^CODE-(\d+)-(\d+)$/;

/**
 * Encodes a code for `challengeMetadata`, which Cognito keeps in the session history (so retry rounds can
 * reuse the code) and never sends to the client.
 */
export function formatCodeMetadata({ code, expiresAt }: IssuedCode): string {
  return `CODE-${code}-${expiresAt}`;
}

/** Reads what {@link formatCodeMetadata} wrote; anything else (another trigger's metadata) gives undefined. */
export function parseCodeMetadata(metadata: string | undefined): IssuedCode | undefined {
  const match = metadata === undefined ? null : METADATA_PATTERN.exec(metadata);
  if (!match) return undefined;
  return { code: match[1]!, expiresAt: Number(match[2]) };
}

/**
 * Compares an answer with the expected code without leaking, through timing, how much of it was right.
 * An empty expected code (nothing was issued) matches nothing.
 */
export function codesMatch(answer: string, expected: string): boolean {
  return constantTimeEqual(answer, expected) && expected.length > 0;
}
