import type { AttemptLimits } from './attempt-policy.ts';

/** What a sign-in needs: the code alone, or the password (SRP) and then the code. */
export type SignInFactors = 'code' | 'password-and-code';

/**
 * The pool's policy on factors (`SIGN_IN_FACTORS`): the same for every user, or `per-user`, read from the
 * user's `custom:sign_in_factors` attribute (absent means `code`). The app client must not be allowed to write
 * that attribute, or a stolen token could lower its own user's bar.
 */
export type SignInFactorsPolicy = SignInFactors | 'per-user';

/** The user attribute read under the `per-user` policy. */
export const SIGN_IN_FACTORS_ATTRIBUTE = 'custom:sign_in_factors';

/**
 * Settings shared by the three auth-challenge triggers, read from environment variables so the same
 * modules can be configured per deployment (Lambda environment) or per local endpoint (`triggerEnv`).
 */
export interface TriggerConfig {
  /** Number of digits in a one-time code (`CODE_LENGTH`, default 6). */
  readonly codeLength: number;
  /** Wrong answers allowed per sign-in before it fails (`MAX_ATTEMPTS`, default 3). */
  readonly maxAttempts: number;
  /** How long a code stays valid, in seconds (`CODE_LIFETIME_SECONDS`, default 180). */
  readonly codeLifetimeSeconds: number;
  /** The "from" address of code emails (`SENDER_EMAIL`); only the production sender needs it. */
  readonly senderEmail: string | undefined;
  /** The app's name in code emails (`APP_NAME`, default "your account"). */
  readonly appName: string;
  /** What a sign-in needs (`SIGN_IN_FACTORS`: `code`, `password-and-code` or `per-user`, the default). */
  readonly signInFactors: SignInFactorsPolicy;
  /**
   * Least time every Create takes, in milliseconds (`CREATE_MIN_DURATION_MS`, default 400): longer than a
   * typical send, so a real send, a decoy, a refused or a failed send all answer after the same time.
   */
  readonly createMinDurationMs: number;
  /** The DynamoDB table of the cross-session limits (`LIMITS_TABLE`); required by Create and Verify. */
  readonly limitsTable: string | undefined;
  /** The cross-session limits (`SEND_GAP_SECONDS`, `SENDS_PER_15_MINUTES`, `SENDS_PER_DAY`, `FAILURES_PER_HOUR`, `LOCK_SECONDS`). */
  readonly limits: AttemptLimits;
}

/** Environment variables as Node exposes them. */
export type TriggerEnv = Readonly<Record<string, string | undefined>>;

/** Defaults and bounds of the numeric settings; the CDK parameters use the same numbers. */
export const NUMERIC_SETTINGS = {
  CODE_LENGTH: { fallback: 6, min: 4, max: 12 },
  MAX_ATTEMPTS: { fallback: 3, min: 1, max: 10 },
  CODE_LIFETIME_SECONDS: { fallback: 180, min: 10, max: 3600 },
  CREATE_MIN_DURATION_MS: { fallback: 400, min: 0, max: 4000 },
  SEND_GAP_SECONDS: { fallback: 30, min: 0, max: 3600 },
  SENDS_PER_15_MINUTES: { fallback: 5, min: 1, max: 1000 },
  SENDS_PER_DAY: { fallback: 20, min: 1, max: 10_000 },
  FAILURES_PER_HOUR: { fallback: 10, min: 1, max: 1000 },
  LOCK_SECONDS: { fallback: 900, min: 1, max: 86_400 },
} as const;

const FACTOR_POLICIES: readonly SignInFactorsPolicy[] = ['code', 'password-and-code', 'per-user'];

/**
 * Reads and validates the trigger settings.
 * A malformed value throws instead of silently falling back: a typo in a deployment must be loud,
 * and Cognito turns a trigger error into `UserLambdaValidationException` that names the message.
 */
export function readTriggerConfig(env: TriggerEnv = process.env): TriggerConfig {
  const senderEmail = env.SENDER_EMAIL?.trim();
  const factors = env.SIGN_IN_FACTORS?.trim() || 'per-user';
  if (!FACTOR_POLICIES.includes(factors as SignInFactorsPolicy)) {
    throw new Error(`SIGN_IN_FACTORS must be one of ${FACTOR_POLICIES.join(', ')}, got "${factors}"`);
  }
  return {
    codeLength: readInteger(env, 'CODE_LENGTH'),
    maxAttempts: readInteger(env, 'MAX_ATTEMPTS'),
    codeLifetimeSeconds: readInteger(env, 'CODE_LIFETIME_SECONDS'),
    senderEmail: senderEmail ? senderEmail : undefined,
    appName: env.APP_NAME?.trim() || 'your account',
    signInFactors: factors as SignInFactorsPolicy,
    createMinDurationMs: readInteger(env, 'CREATE_MIN_DURATION_MS'),
    limitsTable: env.LIMITS_TABLE?.trim() || undefined,
    limits: {
      sendGapSeconds: readInteger(env, 'SEND_GAP_SECONDS'),
      sendsPer15Minutes: readInteger(env, 'SENDS_PER_15_MINUTES'),
      sendsPerDay: readInteger(env, 'SENDS_PER_DAY'),
      failuresPerHour: readInteger(env, 'FAILURES_PER_HOUR'),
      lockSeconds: readInteger(env, 'LOCK_SECONDS'),
    },
  };
}

function readInteger(env: TriggerEnv, name: keyof typeof NUMERIC_SETTINGS): number {
  const { fallback, min, max } = NUMERIC_SETTINGS[name];
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
