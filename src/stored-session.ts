/**
 * Whether the page may hold a session for an app client, told without the auth library: Amplify keeps every
 * token of a client under keys that start `CognitoIdentityServiceProvider.<client id>.` in the token storage
 * (its TokenStore; the `LastAuthUser` key, the tokens, the device keys). With none of them there is nothing to
 * restore, so the form needs no wait for Amplify. Pure: the storage's keys are handed in. The key prefix holds
 * only letters, digits and dots, which Amplify's cookie storage writes into a cookie's name as they are.
 */
import type { TokenStorageChoice } from './auth-adapter.js';

/** The storage's key names: those of localStorage or sessionStorage, or the cookies' names. */
export type StorageKeys = (kind: TokenStorageChoice['kind']) => string[];

/** The cookie names in `document.cookie`'s form (`a=1; b=2`). */
export const cookieNames = (cookie: string): string[] => cookie.split('; ').map((pair) => pair.split('=')[0]!);

/**
 * Whether `kind`'s storage holds any key of `clientId`'s tokens. True when the storage cannot be read (a
 * sandboxed frame, storage turned off): then only Amplify can tell.
 */
export function mayHoldSession(clientId: string, kind: TokenStorageChoice['kind'], keys: StorageKeys): boolean {
  const prefix = `CognitoIdentityServiceProvider.${clientId}.`;
  try {
    return keys(kind).some((key) => key.startsWith(prefix));
  } catch {
    return true;
  }
}

/** The page's own storages' keys, for {@link mayHoldSession}. */
export const pageStorageKeys: StorageKeys = (kind) => {
  if (kind === 'cookie') return cookieNames(document.cookie);
  return Object.keys(kind === 'local' ? localStorage : sessionStorage);
};
