/**
 * The limits on one sign-in identity across sessions, as pure decisions over a small record, so the rules
 * can be read and tested without a database. {@link ./attempt-store.ts} keeps the record in DynamoDB.
 */

/** The limits; every one is a deploy parameter (see docs/security.md). */
export interface AttemptLimits {
  /** Least time between two codes sent to one identity, in seconds. */
  readonly sendGapSeconds: number;
  /** Codes allowed per identity in any 15 minutes. */
  readonly sendsPer15Minutes: number;
  /** Codes allowed per identity in any 24 hours. */
  readonly sendsPerDay: number;
  /** Wrong answers allowed per identity in any hour, across sessions; reaching it locks the identity. */
  readonly failuresPerHour: number;
  /** Length of the first lock, in seconds; each further lock within a day lasts twice as long, up to a day. */
  readonly lockSeconds: number;
}

/** What the store remembers per identity (epoch milliseconds throughout). */
export interface AttemptRecord {
  /** When codes were sent, within the last day. */
  readonly sends: readonly number[];
  /** When wrong answers were given, within the last hour and since the last lock. */
  readonly failures: readonly number[];
  /** The identity is refused until then. */
  readonly lockedUntil: number;
  /** Locks in a row, each less than a day after the previous one ended; drives the back-off. */
  readonly lockouts: number;
}

/** Allowed, or refused until `retryAt` (epoch milliseconds). */
export type AttemptVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAt: number };

export const EMPTY_RECORD: AttemptRecord = { sends: [], failures: [], lockedUntil: 0, lockouts: 0 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ALLOWED: AttemptVerdict = { allowed: true };

/** Refused while a lock lasts; nothing else is decided here. */
export function lockVerdict(record: AttemptRecord, now: number): AttemptVerdict {
  return record.lockedUntil > now ? { allowed: false, retryAt: record.lockedUntil } : ALLOWED;
}

/**
 * Whether a new code may be sent now and, if so, the record with the send counted. A refused send changes
 * nothing, so asking again and again does not push the retry time further out.
 */
export function decideSend(
  record: AttemptRecord,
  now: number,
  limits: AttemptLimits,
): { verdict: AttemptVerdict; record: AttemptRecord } {
  const locked = lockVerdict(record, now);
  if (!locked.allowed) return { verdict: locked, record };
  const sends = record.sends.filter((at) => at > now - DAY);
  const retryAt = Math.max(
    (sends.at(-1) ?? -Infinity) + limits.sendGapSeconds * 1000,
    slotFreeAt(sends, now, 15 * MINUTE, limits.sendsPer15Minutes),
    slotFreeAt(sends, now, DAY, limits.sendsPerDay),
  );
  if (retryAt > now) return { verdict: { allowed: false, retryAt }, record };
  return { verdict: ALLOWED, record: { ...record, sends: [...sends, now] } };
}

/**
 * Whether an answer may be compared now and, if so, the record with it counted as wrong in advance (a correct
 * answer takes that back with {@link recordSuccess}). With the hourly cap of wrong answers already used up, the
 * answer is refused and the identity locked: the first lock lasts `lockSeconds`, and each lock that follows
 * within a day of the previous one lasts twice as long, up to a day.
 */
export function decideAnswer(
  record: AttemptRecord,
  now: number,
  limits: AttemptLimits,
): { verdict: AttemptVerdict; record: AttemptRecord } {
  const locked = lockVerdict(record, now);
  if (!locked.allowed) return { verdict: locked, record };
  const failures = record.failures.filter((at) => at > now - HOUR);
  if (failures.length < limits.failuresPerHour) {
    return { verdict: ALLOWED, record: { ...record, failures: [...failures, now] } };
  }
  const lockouts = record.lockedUntil > now - DAY ? record.lockouts + 1 : 1;
  const lockedUntil = now + Math.min(DAY, limits.lockSeconds * 1000 * 2 ** (lockouts - 1));
  return {
    verdict: { allowed: false, retryAt: lockedUntil },
    record: { ...record, failures: [], lockedUntil, lockouts },
  };
}

/** A correct answer forgets the wrong ones; the lock history (and so the back-off) stays for its day. */
export function recordSuccess(record: AttemptRecord): AttemptRecord {
  return { ...record, failures: [] };
}

/** When the record can be deleted (DynamoDB TTL): once nothing in it can affect a decision any more. */
export function forgettableAt(record: AttemptRecord): number {
  return Math.max(record.lockedUntil + DAY, (record.sends.at(-1) ?? 0) + DAY, (record.failures.at(-1) ?? 0) + HOUR);
}

// The moment a window of `windowMs` holds fewer than `cap` of the times again.
function slotFreeAt(times: readonly number[], now: number, windowMs: number, cap: number): number {
  const inWindow = times.filter((at) => at > now - windowMs);
  if (inWindow.length < cap) return -Infinity;
  return inWindow[inWindow.length - cap]! + windowMs;
}
