import { createHash } from 'node:crypto';

const EMAIL_PATTERN = /^([^@\s]+)@([^@\s]+)\.([^@.\s]+)$/;

/**
 * Masks an email address for display, keeping just enough to recognise it: `alice@example.com` → `a***@e***.com`.
 * Returns undefined when the text is not an address.
 */
export function maskEmail(address: string): string | undefined {
  const match = EMAIL_PATTERN.exec(address.trim());
  if (!match) return undefined;
  const [, local, domain, topLevel] = match as unknown as [string, string, string, string];
  return `${firstCharacter(local)}***@${firstCharacter(domain)}***.${topLevel}`;
}

const DECOY_DOMAIN_INITIALS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A masked destination for a user that does not exist, shaped like a real one.
 * A username that is an address masks as itself; any other username gets a domain initial derived from its hash,
 * so asking twice for the same unknown name shows the same destination, as it would for a real user.
 */
export function decoyDestination(username: string): string {
  const masked = maskEmail(username);
  if (masked) return masked;
  const hash = createHash('sha256').update(username, 'utf8').digest();
  const initial = DECOY_DOMAIN_INITIALS[hash[0]! % DECOY_DOMAIN_INITIALS.length]!;
  return `${firstCharacter(username.trim()) || 'u'}***@${initial}***.com`;
}

// Whole code points, so an address starting with an emoji or accented letter is not cut in half.
function firstCharacter(text: string): string {
  return Array.from(text)[0] ?? '';
}

/**
 * Masks a phone number as Cognito shows it, keeping the last four digits: `+15555550123` → `+*******0123`.
 * Returns undefined when the text is not a phone number in E.164 form.
 */
export function maskPhone(phoneNumber: string): string | undefined {
  const match = /^\+(\d{4,15})$/.exec(phoneNumber.trim());
  if (!match) return undefined;
  const digits = match[1]!;
  return `+${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** A masked phone number for a user that does not exist or has none, the same for the same name every time. */
export function decoyPhone(username: string): string {
  const hash = createHash('sha256').update(`phone:${username.trim().toLowerCase()}`, 'utf8').digest();
  const lastFour = String(hash.readUInt32BE(0) % 10_000).padStart(4, '0');
  return `+*******${lastFour}`;
}
