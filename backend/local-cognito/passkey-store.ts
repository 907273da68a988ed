/** A registered passkey: what sign-in needs to check its assertions, and what ListWebAuthnCredentials shows. */
export interface Passkey {
  /** The credential id, base64url, as the browser reports it. */
  readonly id: string;
  /** The COSE public key from the attestation. */
  readonly publicKey: Uint8Array;
  /** The authenticator's signature counter at its last use (0 for authenticators that keep none). */
  readonly counter: number;
  readonly transports: readonly string[];
  /** `platform` or `cross-platform`, when the browser said. */
  readonly attachment: string | undefined;
  readonly friendlyName: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/** The pool's passkeys, per user (by username, the UUID). In memory, like the rest of the endpoint. */
export interface PasskeyStore {
  /** The user's passkeys, oldest first. */
  list(username: string): readonly Passkey[];
  /** Whether any user has a passkey with this credential id. */
  isRegistered(id: string): boolean;
  add(username: string, passkey: Passkey): void;
  /** Removes the user's passkey; false when the user has none with that id. */
  remove(username: string, id: string): boolean;
  /** Remembers the counter an accepted assertion reported. */
  recordUse(username: string, id: string, counter: number): void;
}

export function createPasskeyStore(): PasskeyStore {
  const byUser = new Map<string, Passkey[]>();
  const list = (username: string) => byUser.get(username) ?? [];
  return {
    list,
    isRegistered: (id) => [...byUser.values()].some((passkeys) => passkeys.some((passkey) => passkey.id === id)),
    add: (username, passkey) => byUser.set(username, [...list(username), passkey]),
    remove(username, id) {
      const kept = list(username).filter((passkey) => passkey.id !== id);
      if (kept.length === list(username).length) return false;
      byUser.set(username, kept);
      return true;
    },
    recordUse: (username, id, counter) =>
      byUser.set(
        username,
        list(username).map((passkey) => (passkey.id === id ? { ...passkey, counter } : passkey)),
      ),
  };
}
