import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createPasswordVerifier, type PasswordVerifier } from './srp.ts';
import { isJsonObject } from './request-input.ts';

/**
 * A user as written in the users JSON file (an array of these). The pool signs in with email, like the deployed
 * stack (`signInAliases: { email: true }`, i.e. Cognito's UsernameAttributes): the email is the sign-in name and
 * the username is a UUID the pool generates, equal to `sub`.
 */
export interface LocalUser {
  /** The sign-in name and where codes are sent. Matched case-insensitively, like `signInCaseSensitive: false`. */
  readonly email: string;
  /** Enables the password (SRP) flows for this user; without it the user is passwordless only. */
  readonly password?: string;
  /**
   * Further attributes (`name`, `custom:…`). `sub` (which is also the username) is derived from the email unless
   * given, so it survives restarts.
   */
  readonly attributes?: Readonly<Record<string, string>>;
  /** A disabled user is refused with "User is disabled."; defaults to true. */
  readonly enabled?: boolean;
}

/** A user as the pool holds it: attributes complete, password replaced by its SRP verifier. */
export interface PoolUser {
  /** The generated username: a UUID, the same as `sub`. What tokens, triggers and `USER_ID_FOR_SRP` carry. */
  readonly username: string;
  readonly sub: string;
  /** The sign-in name, as written in the users list. */
  readonly email: string;
  /** Every attribute, including `sub`, `email` and `email_verified`. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly enabled: boolean;
  readonly passwordVerifier: PasswordVerifier | undefined;
  /** `UNCONFIRMED` after a sign-up no trigger confirmed; such a user cannot sign in. */
  readonly status: 'CONFIRMED' | 'UNCONFIRMED';
}

/** What a sign-up creates: the address, further attributes, and the password's verifier. */
export interface NewUser {
  /** The username and `sub` the sign-up drew (the PreSignUp trigger saw it before the user existed). */
  readonly sub: string;
  readonly email: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Absent for a passwordless sign-up: the user then signs in with codes (and passkeys) only. */
  readonly password: string | undefined;
  readonly confirmed: boolean;
}

/** Looks users up the way Cognito does in a pool that signs in with email, and holds the users signed up since. */
export interface UserStore {
  /** By sign-in name (the email, in any letter case) or by username (the UUID). */
  find(name: string): PoolUser | undefined;
  /** Adds a signed-up user, address not yet verified; the caller has checked that the address is free. */
  create(user: NewUser): PoolUser;
  /** Sets attributes of an existing user (`AdminUpdateUserAttributes`); returns the updated user. */
  updateAttributes(username: string, attributes: Readonly<Record<string, string>>): PoolUser;
  /** Confirms a signed-up user by the code sent to their address, which that code has proved (`ConfirmSignUp`). */
  confirm(username: string): PoolUser;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Builds the pool's users. Passwords are turned into SRP verifiers here (they depend on the pool name and the
 * username), so the running endpoint never holds a password.
 */
export function createUserStore(users: readonly LocalUser[], poolName: string): UserStore {
  const byEmail = new Map<string, PoolUser>();
  const byUsername = new Map<string, PoolUser>();
  const put = (user: PoolUser) => {
    byEmail.set(user.email.toLowerCase(), user);
    byUsername.set(user.username, user);
    return user;
  };
  for (const user of users) {
    const key = user.email.toLowerCase();
    if (byEmail.has(key)) throw new Error(`Duplicate email "${user.email}" in the users list`);
    const sub = (user.attributes?.sub ?? stableUuid(user.email)).toLowerCase();
    if (!UUID.test(sub)) throw new Error(`The "sub" of ${user.email} must be a UUID, got "${sub}"`);
    if (byUsername.has(sub)) throw new Error(`Duplicate sub "${sub}" in the users list`);
    const attributes = {
      ...user.attributes,
      sub,
      email: user.email,
      email_verified: user.attributes?.email_verified ?? 'true',
    };
    const poolUser: PoolUser = {
      username: sub,
      sub,
      email: user.email,
      attributes,
      enabled: user.enabled ?? true,
      passwordVerifier: user.password ? createPasswordVerifier(poolName, sub, user.password) : undefined,
      status: 'CONFIRMED',
    };
    put(poolUser);
  }
  const existing = (username: string) => {
    const user = byUsername.get(username.toLowerCase());
    if (!user) throw new Error(`no user ${username}`);
    return user;
  };
  return {
    find: (name) => {
      const key = name.toLowerCase();
      return byEmail.get(key) ?? byUsername.get(key);
    },
    create: ({ sub, email, attributes, password, confirmed }) =>
      put({
        username: sub,
        sub,
        email,
        attributes: { ...attributes, sub, email, email_verified: 'false' },
        enabled: true,
        passwordVerifier: password === undefined ? undefined : createPasswordVerifier(poolName, sub, password),
        status: confirmed ? 'CONFIRMED' : 'UNCONFIRMED',
      }),
    updateAttributes: (username, changes) => {
      const user = existing(username);
      return put({ ...user, attributes: { ...user.attributes, ...changes } });
    },
    confirm: (username) => {
      const user = existing(username);
      return put({ ...user, status: 'CONFIRMED', attributes: { ...user.attributes, email_verified: 'true' } });
    },
  };
}

/** Checks parsed JSON against the {@link LocalUser} shape, naming the first problem and where it is. */
export function parseUsers(json: unknown, source: string): LocalUser[] {
  if (!Array.isArray(json)) throw new Error(`${source}: expected a JSON array of users`);
  return json.map((entry: unknown, index) => {
    const where = `${source}: user ${index + 1}`;
    if (!isJsonObject(entry)) throw new Error(`${where} is not an object`);
    const { username, email, password, attributes, enabled } = entry;
    if (username !== undefined) {
      throw new Error(
        `${where}: "username" cannot be chosen; the pool signs in with "email" and generates the username (the sub)`,
      );
    }
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email))
      throw new Error(`${where} needs an "email" address (the sign-in name)`);
    if (password !== undefined && typeof password !== 'string')
      throw new Error(`${where}: "password" must be a string`);
    if (enabled !== undefined && typeof enabled !== 'boolean')
      throw new Error(`${where}: "enabled" must be true or false`);
    if (
      attributes !== undefined &&
      (!isJsonObject(attributes) || !Object.values(attributes).every((v) => typeof v === 'string'))
    ) {
      throw new Error(`${where}: "attributes" must map names to strings`);
    }
    if (isJsonObject(attributes) && attributes.email !== undefined)
      throw new Error(`${where}: give the address as "email", not in "attributes"`);
    return entry as unknown as LocalUser;
  });
}

/** Reads and checks a users JSON file. */
export async function loadUsersFile(path: string): Promise<LocalUser[]> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseUsers(json, path);
}

/** A version-4-shaped UUID derived from a name and a salt, the same every time. */
export function stableUuid(name: string, salt = 'local-cognito'): string {
  const hex = createHash('sha256').update(`${salt}:${name.toLowerCase()}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
