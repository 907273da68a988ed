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
  /**
   * Returns the state without spending the session, for a challenge the user may answer again (a wrong one-time
   * code). Throws as {@link take} does.
   */
  peek(session: string): T;
  /** Replaces the state of a live session, keeping its expiry; a spent or expired session stays spent. */
  replace(session: string, state: T): void;
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

  function live(session: string): T {
    const entry = sessions.get(session);
    if (!entry) throw notAuthorized(MESSAGES.invalidSession);
    if (now() > entry.expiresAt) {
      sessions.delete(session);
      throw notAuthorized(MESSAGES.expiredSession);
    }
    return entry.state;
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
      const state = live(session);
      sessions.delete(session);
      return state;
    },
    peek: live,
    replace(session, state) {
      const entry = sessions.get(session);
      if (entry && now() <= entry.expiresAt) entry.state = state;
    },
  };
}
