import { randomBytes } from 'node:crypto';
import { CognitoError, MESSAGES, notAuthorized } from './cognito-error.ts';

/** Holds the state of sign-ins between calls, behind opaque single-use session strings. */
export interface SessionStore<T> {
  /** Stores the state and returns a new session string for it. */
  open(state: T): string;
  /**
   * Returns the state and spends the session, so a replayed session is refused.
   * Throws Cognito's `NotAuthorizedException` for unknown, spent or expired sessions.
   */
  take(session: string): T;
}

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /** How long a session may wait for its answer. */
  readonly ttlMs: number;
  /** Most sessions open at once; a new one beyond it is refused with `TooManyRequestsException`. */
  readonly maxSessions?: number;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  readonly now?: () => number;
}

// Expired sessions are remembered a little longer so their error says "expired" rather than "invalid".
const EXPIRED_MEMORY_MS = 10 * 60_000;

/** Creates an in-memory {@link SessionStore}; expired entries are dropped as new sessions open, without timers. */
export function createSessionStore<T>({
  ttlMs,
  maxSessions = 10_000,
  now = Date.now,
}: SessionStoreOptions): SessionStore<T> {
  const sessions = new Map<string, { state: T; expiresAt: number }>();

  function forgetOld(at: number) {
    for (const [id, entry] of sessions) {
      if (entry.expiresAt + EXPIRED_MEMORY_MS < at) sessions.delete(id);
    }
  }

  return {
    open(state) {
      const at = now();
      forgetOld(at);
      // Refusing new sign-ins (rather than evicting live ones) keeps a flood from cutting off users mid-sign-in.
      if (sessions.size >= maxSessions) {
        // Expired sessions are only remembered for their error message; live ones need the room.
        for (const [id, entry] of sessions) if (entry.expiresAt < at) sessions.delete(id);
      }
      if (sessions.size >= maxSessions) {
        throw new CognitoError('TooManyRequestsException', MESSAGES.tooManySessions);
      }
      const id = randomBytes(96).toString('base64url');
      sessions.set(id, { state, expiresAt: at + ttlMs });
      return id;
    },
    take(session) {
      const entry = sessions.get(session);
      sessions.delete(session);
      if (!entry) throw notAuthorized(MESSAGES.invalidSession);
      if (now() > entry.expiresAt) throw notAuthorized(MESSAGES.expiredSession);
      return entry.state;
    },
  };
}
