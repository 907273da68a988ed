/**
 * Settings shared by the three auth-challenge triggers, read from environment variables so the same
 * modules can be configured per deployment (Lambda environment) or per local endpoint (`triggerEnv`).
 */
export interface TriggerConfig {
  /** Number of digits in a one-time code (`CODE_LENGTH`, default 6). */
  readonly codeLength: number;
  /** Wrong answers allowed before the sign-in fails (`MAX_ATTEMPTS`, default 3). */
  readonly maxAttempts: number;
  /** How long a code stays valid, in seconds (`CODE_LIFETIME_SECONDS`, default 180). */
  readonly codeLifetimeSeconds: number;
  /** The "from" address of code emails (`SENDER_EMAIL`); only the production sender needs it. */
  readonly senderEmail: string | undefined;
}

/** Environment variables as Node exposes them. */
export type TriggerEnv = Readonly<Record<string, string | undefined>>;

const LIMITS = {
  CODE_LENGTH: { fallback: 6, min: 4, max: 12 },
  MAX_ATTEMPTS: { fallback: 3, min: 1, max: 10 },
  CODE_LIFETIME_SECONDS: { fallback: 180, min: 10, max: 3600 },
} as const;

/**
 * Reads and validates the trigger settings.
 * A malformed value throws instead of silently falling back: a typo in a deployment must be loud,
 * and Cognito turns a trigger error into `UserLambdaValidationException` that names the message.
 */
export function readTriggerConfig(env: TriggerEnv = process.env): TriggerConfig {
  const senderEmail = env.SENDER_EMAIL?.trim();
  return {
    codeLength: readInteger(env, 'CODE_LENGTH'),
    maxAttempts: readInteger(env, 'MAX_ATTEMPTS'),
    codeLifetimeSeconds: readInteger(env, 'CODE_LIFETIME_SECONDS'),
    senderEmail: senderEmail ? senderEmail : undefined,
  };
}

function readInteger(env: TriggerEnv, name: keyof typeof LIMITS): number {
  const { fallback, min, max } = LIMITS[name];
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}
