/**
 * What the sign-up form sends, checked before any call: the address, the extra attributes the page asked for,
 * and the password the pool requires but nobody will ever type. Pure apart from the random source, which tests
 * may replace.
 */
import type { SignUpRequest } from './auth-adapter.js';
import type { Fields } from './sign-in-follow-ups.js';
import { maxUsernameLength, normalizeUsername, type InputInvalid } from './sign-in-input.js';

/** The user attributes the sign-up form can ask for, each with the `autocomplete` token of its field. */
export const signUpAttributeFields = {
  name: 'name',
  given_name: 'given-name',
  family_name: 'family-name',
  nickname: 'nickname',
} as const;

export type SignUpAttribute = keyof typeof signUpAttributeFields;

/**
 * The attributes `sign-up-attributes` names (separated by spaces or commas), the known ones only, in order and
 * once each; others are ignored, since the form would not know how to label them.
 */
export function signUpAttributeNames(value: string | null | undefined): SignUpAttribute[] {
  const names = (value ?? '')
    .split(/[\s,]+/)
    .filter((name): name is SignUpAttribute => Object.hasOwn(signUpAttributeFields, name));
  return [...new Set(names)];
}

// Loose on purpose, like Cognito's own check: something, an @, a domain with a dot, no spaces.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Fills a buffer with random 32-bit numbers: `crypto.getRandomValues` unless a test replaces it. */
export type RandomSource = (values: Uint32Array) => Uint32Array;

const cryptoRandom: RandomSource = (values) => crypto.getRandomValues(values);

const characterClasses = [
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  'abcdefghijklmnopqrstuvwxyz',
  '0123456789',
  // Cognito's symbol set, minus the space (a password manager, were it ever to see it, might trim it).
  '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+-',
];

/** Length of the generated password: Cognito's strictest policy asks for at most 99 characters. */
export const passwordLength = 100;

/**
 * A password for the sign-up that satisfies every policy a Cognito pool can set: 100 characters, at least one of
 * each class (upper case, lower case, digit, symbol), the rest drawn from all of them, then shuffled. It is sent
 * once, in the sign-up, and never shown or kept: the user signs in with codes.
 */
export function strongPassword(random: RandomSource = cryptoRandom): string {
  const all = characterClasses.join('');
  const values = random(new Uint32Array(passwordLength * 2));
  // A 32-bit number modulo a few dozen is uniform to within one part in tens of millions: enough for a password
  // nobody types and nobody sees.
  const pick = (set: string, index: number) => set[values[index]! % set.length]!;
  const chars = Array.from({ length: passwordLength }, (_, i) =>
    pick(i < characterClasses.length ? characterClasses[i]! : all, i),
  );
  // Fisher-Yates with the second half of the random numbers, so the guaranteed classes are not always first.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = values[passwordLength + i]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/**
 * What the sign-up form sends, or why it cannot be sent: an address that does not look like one (or is longer
 * than Cognito accepts) is refused before any request. Extra attributes left empty are not sent. `passwordless`
 * (`USER_AUTH`, Cognito's passwordless sign-up) sends no password at all.
 */
export function signUpRequest(
  fields: Fields,
  attributeNames: readonly SignUpAttribute[],
  passwordless = false,
  random?: RandomSource,
): SignUpRequest | InputInvalid {
  const username = normalizeUsername(fields.username);
  if (!emailPattern.test(username)) return { type: 'input-invalid', name: 'InvalidEmail' };
  if ([...username].length > maxUsernameLength) {
    return { type: 'input-invalid', name: 'SignInUsernameTooLong', params: { max: maxUsernameLength } };
  }
  const attributes: Record<string, string> = {};
  for (const name of attributeNames) {
    const value = (fields[name] ?? '').trim();
    if (value) attributes[name] = value;
  }
  return passwordless ? { username, attributes } : { username, password: strongPassword(random), attributes };
}
