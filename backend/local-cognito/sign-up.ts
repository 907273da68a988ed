import { randomUUID } from 'node:crypto';
import { CognitoError, invalidParameter, notAuthorized } from './cognito-error.ts';
import { isJsonObject, optionalStringMap, requireString, type JsonObject } from './request-input.ts';
import type { SignUpConfirmation } from './sign-up-confirmation.ts';
import type { TriggerRunner } from './trigger-runner.ts';
import type { UserStore } from './user-store.ts';

/** What the sign-up operation needs from the rest of the endpoint. */
export interface SignUpDeps {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly users: UserStore;
  readonly triggers: TriggerRunner;
  /** The pool lets users sign themselves up (Cognito's `AllowAdminCreateUserOnly` false). */
  readonly selfSignUp: boolean;
  /**
   * Sign-ups without a password are allowed: the pool is on the Essentials plan with `EMAIL_OTP` among its
   * first factors and the app client allows `USER_AUTH` (the address, which is the username, is auto-verified).
   */
  readonly passwordless: boolean;
  /** Sends the confirmation code of a sign-up that Pre Sign-up did not confirm. */
  readonly confirmation: SignUpConfirmation;
}

/**
 * The attributes the app client may write, as in the stack (`name`, `locale`). The address is the username
 * itself, so a sign-up needs no write access to `email`.
 */
export const WRITABLE_ATTRIBUTES: readonly string[] = ['name', 'locale'];

// Cognito's default password policy: 8 characters or more, with lower case, upper case, digits and symbols.
const PASSWORD_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^[\s\S]{8,}$/, 'Password not long enough'],
  [/[a-z]/, 'Password must have lowercase characters'],
  [/[A-Z]/, 'Password must have uppercase characters'],
  [/[0-9]/, 'Password must have numeric characters'],
  [/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/, 'Password must have symbol characters'],
];

// Cognito's own check of a username in a pool that signs in with email is loose; so is this one.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * `SignUp` in a pool that signs in with email: the username is the address, the pool draws a UUID as the real
 * username, runs Pre Sign-up, and stores the user confirmed (and verified) as far as the trigger says.
 * Without a trigger that confirms, the user stays `UNCONFIRMED` and the pool emails a confirmation code
 * (`CodeDeliveryDetails`; with USER_AUTH, a `Session` that ConfirmSignUp turns into a sign-in without a second
 * code). The password may be left out (or blank) only where the pool allows passwordless sign-up.
 */
export function createSignUp(deps: SignUpDeps): (input: JsonObject) => Promise<JsonObject> {
  return async (input) => {
    const email = requireString(input, 'Username');
    const attributes = readAttributes(input.UserAttributes);
    const validationData = readAttributes(input.ValidationData, 'validationData');
    const clientMetadata = optionalStringMap(input, 'ClientMetadata');
    if (!deps.selfSignUp) throw notAuthorized('SignUp is not permitted for this user pool');
    const password = readPassword(input, deps.passwordless);
    if (!EMAIL.test(email) || email.length > 128) throw invalidParameter('Username should be an email.');
    for (const name of Object.keys(attributes)) {
      if (name === 'email' && attributes.email!.toLowerCase() === email.toLowerCase()) continue;
      if (!WRITABLE_ATTRIBUTES.includes(name)) {
        throw new CognitoError('NotAuthorizedException', 'A client attempted to write unauthorized attribute');
      }
    }
    const broken = password !== undefined && PASSWORD_RULES.find(([rule]) => !rule.test(password));
    if (broken)
      throw new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${broken[1]}`);
    const taken = () => {
      if (deps.users.find(email)) {
        throw new CognitoError('UsernameExistsException', 'An account with the given email already exists.');
      }
    };
    taken();

    const sub = randomUUID();
    const verdict = await deps.triggers.preSignUp({
      userPoolId: deps.userPoolId,
      clientId: deps.clientId,
      userName: sub,
      userAttributes: { ...attributes, email },
      validationData: Object.keys(validationData).length ? validationData : undefined,
      clientMetadata,
    });
    // Another sign-up for the same address may have finished while the trigger ran.
    taken();
    const user = deps.users.create({
      sub,
      email,
      attributes,
      password,
      confirmed: verdict.autoConfirmUser,
    });
    if (verdict.autoVerifyEmail) deps.users.updateAttributes(user.username, { email_verified: 'true' });
    if (verdict.autoConfirmUser) return { UserConfirmed: true, UserSub: sub };
    return { UserConfirmed: false, UserSub: sub, ...(await deps.confirmation.begin(user, email)) };
  };
}

/** The password, or undefined for a passwordless sign-up (Cognito takes a blank one as none). */
function readPassword(input: JsonObject, passwordless: boolean): string | undefined {
  const given = input.Password;
  if (given === undefined || given === null || given === '') {
    if (passwordless) return undefined;
    // Cognito does not publish the wording of this refusal; the name is its validation error's.
    throw invalidParameter(
      'A password is required: this user pool does not allow passwordless sign-up (USER_AUTH with EMAIL_OTP).',
    );
  }
  const password = requireString(input, 'Password');
  if (password.length > 256) {
    throw invalidParameter(
      "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
  }
  return password;
}

/** A list of `{ Name, Value }` (UserAttributes, ValidationData) as a map; absent gives an empty map. */
function readAttributes(value: unknown, member = 'userAttributes'): Record<string, string> {
  if (value === undefined || value === null) return {};
  const entries = Array.isArray(value) ? value : undefined;
  const map: Record<string, string> = {};
  for (const entry of entries ?? [null]) {
    if (!isJsonObject(entry) || typeof entry.Name !== 'string' || typeof entry.Value !== 'string' || !entry.Name) {
      throw invalidParameter(
        `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be a list of { Name, Value } strings`,
      );
    }
    if (entry.Value.length > 2048) throw invalidParameter(`Attribute ${entry.Name.slice(0, 40)} is too long.`);
    map[entry.Name] = entry.Value;
  }
  return map;
}
