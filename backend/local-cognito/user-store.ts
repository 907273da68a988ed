import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createPasswordVerifier, type PasswordVerifier } from './srp.ts';
import { isJsonObject } from './request-input.ts';

/** A user as written in the users JSON file (an array of these). */
export interface LocalUser {
  /** The sign-in name; our pools use the email address. Matched case-insensitively. */
  readonly username: string;
  /** Where codes are sent; shorthand for `attributes.email`. */
  readonly email?: string;
  /** Enables the password (SRP) flows for this user; without it the user is passwordless only. */
  readonly password?: string;
  /** Further attributes (`name`, `custom:…`); `sub` is derived from the username unless given. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** A disabled user is refused with "User is disabled."; defaults to true. */
  readonly enabled?: boolean;
}

/** A user as the pool holds it: attributes complete, password replaced by its SRP verifier. */
export interface PoolUser {
  readonly username: string;
  readonly sub: string;
  /** Every attribute, including `sub` and, when there is an address, `email` and `email_verified`. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly enabled: boolean;
  readonly passwordVerifier: PasswordVerifier | undefined;
}

/** Looks users up by username. */
export interface UserStore {
  find(username: string): PoolUser | undefined;
}

/**
 * Builds the pool's users. Passwords are turned into SRP verifiers here (they depend on the pool name),
 * so the running endpoint never holds a password.
 */
export function createUserStore(users: readonly LocalUser[], poolName: string): UserStore {
  const byName = new Map<string, PoolUser>();
  for (const user of users) {
    const key = user.username.toLowerCase();
    if (byName.has(key)) throw new Error(`Duplicate username "${user.username}" in the users list`);
    const sub = user.attributes?.sub ?? stableUuid(user.username);
    const email = user.email ?? user.attributes?.email;
    const attributes = {
      ...user.attributes,
      sub,
      ...(email ? { email, email_verified: user.attributes?.email_verified ?? 'true' } : {}),
    };
    byName.set(key, {
      username: user.username,
      sub,
      attributes,
      enabled: user.enabled ?? true,
      passwordVerifier: user.password ? createPasswordVerifier(poolName, user.username, user.password) : undefined,
    });
  }
  return { find: (username) => byName.get(username.toLowerCase()) };
}

/** Checks parsed JSON against the {@link LocalUser} shape, naming the first problem and where it is. */
export function parseUsers(json: unknown, source: string): LocalUser[] {
  if (!Array.isArray(json)) throw new Error(`${source}: expected a JSON array of users`);
  return json.map((entry: unknown, index) => {
    const where = `${source}: user ${index + 1}`;
    if (!isJsonObject(entry)) throw new Error(`${where} is not an object`);
    const { username, email, password, attributes, enabled } = entry;
    if (typeof username !== 'string' || username.trim() === '')
      throw new Error(`${where} needs a non-empty "username"`);
    for (const [name, value] of Object.entries({ email, password })) {
      if (value !== undefined && typeof value !== 'string') throw new Error(`${where}: "${name}" must be a string`);
    }
    if (enabled !== undefined && typeof enabled !== 'boolean')
      throw new Error(`${where}: "enabled" must be true or false`);
    if (
      attributes !== undefined &&
      (!isJsonObject(attributes) || !Object.values(attributes).every((v) => typeof v === 'string'))
    ) {
      throw new Error(`${where}: "attributes" must map names to strings`);
    }
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

// A version-4-shaped UUID derived from the username, so `sub` stays the same across restarts.
function stableUuid(username: string): string {
  const hex = createHash('sha256').update(`local-cognito:${username.toLowerCase()}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
