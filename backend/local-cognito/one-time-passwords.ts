import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { AttemptStore } from '../triggers/attempt-store.ts';
import type { CodeSender } from '../triggers/code-sender.ts';
import { decoyDestination, decoyPhone, maskEmail, maskPhone } from '../triggers/mask-destination.ts';
import { codesMatch, generateCode } from '../triggers/one-time-code.ts';
import type { TriggerConfig } from '../triggers/trigger-config.ts';
import type { SignInLimits, SignInSubject } from './sign-in-limits.ts';

/** Where a code goes: Cognito's `EMAIL_OTP` or `SMS_OTP`. */
export type CodeMedium = 'EMAIL' | 'SMS';

/** A code issued for one sign-in, kept in its session (never sent to the client). */
export interface OneTimePassword {
  readonly medium: CodeMedium;
  readonly code: string;
  /** Epoch milliseconds after which the code is refused with `ExpiredCodeException`. */
  readonly expiresAt: number;
  /** Wrong answers given in this sign-in so far. */
  readonly wrongAnswers: number;
  /** The code went to a signed-up address not yet verified: the right code proves it. */
  readonly provesAddress: boolean;
}

/** Who a code is for. */
export type CodeRecipient = SignInSubject;

/**
 * A code that confirms a sign-up (`ConfirmSignUp`) rather than signs in: it goes to the address given at
 * sign-up, verified or not (proving it is its purpose), and lives as long as the pool's confirmation codes.
 */
export interface SignUpConfirmation {
  readonly lifetimeSeconds: number;
}

/** Issues and checks the codes of `EMAIL_OTP` and `SMS_OTP` sign-ins. */
export interface OneTimePasswords {
  /**
   * Counts a new code against the cross-session limits, draws it and delivers it; returns the challenge
   * parameters (`CODE_DELIVERY_DELIVERY_MEDIUM`, `CODE_DELIVERY_DESTINATION`, masked) and the code to keep.
   */
  issue(
    medium: CodeMedium,
    recipient: CodeRecipient,
    signUp?: SignUpConfirmation,
  ): Promise<{ parameters: Record<string, string>; otp: OneTimePassword }>;
  /** Counts the answer against the limits, then compares it in constant time; checks expiry. */
  check(otp: OneTimePassword, answer: string, recipient: CodeRecipient): Promise<'correct' | 'wrong' | 'expired'>;
}

/** What {@link createOneTimePasswords} needs. */
export interface OneTimePasswordDeps {
  /** Delivers codes (the development inbox, for email and text messages alike). */
  readonly sender: CodeSender;
  /** The cross-session limits. */
  readonly limits: SignInLimits;
  /** Where sign-ups are remembered: a signed-up address gets its first codes before it is verified. */
  readonly attempts: Pick<AttemptStore, 'wasSignedUp'>;
  /** Code length and lifetime, the minimum duration of a send, the app's name: the triggers' settings. */
  readonly config: TriggerConfig;
  readonly log: (line: string) => void;
  readonly now?: () => number;
}

/**
 * Creates the code issuer. As in the project's Create trigger, nothing in an answer tells whether the account
 * exists or can receive the code: a name the pool does not know, a user without a verified address or phone
 * number and a failed delivery get the same parameters (a decoy destination, stable per name) and take at least
 * the same time (`CREATE_MIN_DURATION_MS`); their codes are drawn and counted but sent nowhere.
 */
export function createOneTimePasswords(deps: OneTimePasswordDeps): OneTimePasswords {
  const { sender, limits, attempts, config, log, now = Date.now } = deps;

  /** Where the code goes, if anywhere, and how the destination is shown. */
  async function destination(medium: CodeMedium, { user, typedName }: CodeRecipient, confirmsSignUp: boolean) {
    const name = typedName.trim().toLowerCase();
    if (medium === 'SMS') {
      const phone = user?.attributes.phone_number;
      const reachable = phone !== undefined && user?.attributes.phone_number_verified !== 'false';
      return {
        to: reachable ? phone : undefined,
        shown: (phone && maskPhone(phone)) || decoyPhone(name),
        provesAddress: false,
      };
    }
    const email = user?.attributes.email;
    if (!user || !email) return { to: undefined, shown: decoyDestination(name), provesAddress: false };
    const verified = user.attributes.email_verified === 'true';
    // As in the custom flow: an unverified address gets a code only when someone signed up with it, and then
    // the code proves it.
    const provesAddress = !verified && (confirmsSignUp || (await attempts.wasSignedUp(email)));
    return {
      to: verified || provesAddress ? email : undefined,
      shown: maskEmail(email.toLowerCase()) ?? decoyDestination(email.toLowerCase()),
      provesAddress,
    };
  }

  async function deliver(to: string, username: string, code: string, expiresAt: number) {
    try {
      await sender.send({ to, username, code, expiresAt, appName: config.appName });
    } catch (error) {
      log(`code for user ${username} could not be sent (${error instanceof Error ? error.name : 'error'})`);
    }
  }

  return {
    async issue(medium, recipient, signUp) {
      const started = performance.now();
      try {
        await limits.beforeSend(recipient);
        const code = generateCode(config.codeLength);
        const expiresAt = now() + (signUp?.lifetimeSeconds ?? config.codeLifetimeSeconds) * 1000;
        const { to, shown, provesAddress } = await destination(medium, recipient, signUp !== undefined);
        if (to && recipient.user) await deliver(to, recipient.user.username, code, expiresAt);
        return {
          parameters: { CODE_DELIVERY_DELIVERY_MEDIUM: medium, CODE_DELIVERY_DESTINATION: shown },
          otp: { medium, code, expiresAt, wrongAnswers: 0, provesAddress },
        };
      } finally {
        const remaining = started + config.createMinDurationMs - performance.now();
        if (remaining > 0) await delay(Math.ceil(remaining));
      }
    },

    async check(otp, answer, recipient) {
      await limits.beforeAnswer(recipient);
      // Compared whatever else is known, so unknown users and expired codes take the same time.
      const matches = codesMatch(answer.trim(), otp.code) && recipient.user !== undefined;
      if (now() > otp.expiresAt) return 'expired';
      if (!matches) return 'wrong';
      await limits.afterCorrectAnswer(recipient);
      return 'correct';
    },
  };
}
