import type { PreSignUpTriggerEvent } from 'aws-lambda';
import { attemptsFromConfig, type AttemptStore } from './attempt-store.ts';
import { readTriggerConfig, type TriggerConfig, type TriggerEnv } from './trigger-config.ts';

/** Options of {@link createPreSignUpHandler}. */
export interface PreSignUpOptions {
  /** The table that remembers sign-ups (the limits table), for the settings of this invocation. */
  readonly attempts: (config: TriggerConfig) => AttemptStore;
  /** Where the settings are read from, at each invocation; defaults to `process.env`. */
  readonly env?: TriggerEnv;
}

/**
 * Builds a Pre Sign-up trigger for passwordless sign-up. A user signing themselves up is confirmed at once,
 * without a confirmation code of Cognito's own, and the address is left unverified: the first sign-in code,
 * sent to that address, is what proves it (the Verify trigger then marks it verified). The sign-up is
 * remembered, because codes go only to verified addresses except for an account that was signed up this way.
 *
 * Users created by administrators (`PreSignUp_AdminCreateUser`) and through identity providers are left as
 * Cognito makes them.
 */
export function createPreSignUpHandler(options: PreSignUpOptions) {
  return async (event: PreSignUpTriggerEvent): Promise<PreSignUpTriggerEvent> => {
    if (event.triggerSource !== 'PreSignUp_SignUp') return event;
    const email = event.request.userAttributes?.email;
    if (!email) throw new Error('A sign-up needs an email address');
    await options.attempts(readTriggerConfig(options.env ?? process.env)).recordSignUp(email);
    event.response.autoConfirmUser = true;
    event.response.autoVerifyEmail = false;
    return event;
  };
}

/** The Lambda entry point: sign-ups remembered in `LIMITS_TABLE`. */
export const handler = createPreSignUpHandler({ attempts: attemptsFromConfig() });
