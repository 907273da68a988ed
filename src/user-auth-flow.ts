/**
 * The sign-in state machine's rules for Cognito's own passwordless flow (`USER_AUTH`), added to the machine by
 * the user-auth chunk (see `chunkTransitions` in `sign-in-flow.ts`). Pure, like the machine: Amplify's next steps
 * and errors in, the next state out.
 *
 * - `CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION` → the `choose` step, listing the first factors the pool
 *   offers this user; the element's preferred one is taken at once when offered.
 * - `CONFIRM_SIGN_IN_WITH_EMAIL_CODE` / `..._SMS_CODE` → the `challenge` step, as for a custom challenge.
 * - A passkey prompt the user closes, or one the device cannot answer, leads back to `choose`: Amplify keeps
 *   the sign-in (its store holds the `WEB_AUTHN` session), so a code can still be picked.
 */
import type { FirstFactor } from './auth-adapter.js';
import {
  afterSignUp,
  withError,
  type AuthCall,
  type FlowEvent,
  type FlowState,
  type Transition,
} from './sign-in-flow.js';

/** The first factors the element offers, in the order it lists them. Passwords are not among them. */
export const firstFactors: readonly FirstFactor[] = ['WEB_AUTHN', 'EMAIL_OTP', 'SMS_OTP'];

/** Amplify's next steps that ask for a code, and the first factor that sent it. */
const codeSteps: Readonly<Record<string, FirstFactor>> = {
  CONFIRM_SIGN_IN_WITH_EMAIL_CODE: 'EMAIL_OTP',
  CONFIRM_SIGN_IN_WITH_SMS_CODE: 'SMS_OTP',
};

/**
 * The prompt was closed or timed out (Amplify's names, and WebAuthn's own for a browser that reports it
 * unwrapped): the user may simply try again.
 */
const PASSKEY_CANCELLED = /^(PasskeyAuthenticationCanceled|PasskeyOperationAborted|NotAllowedError|AbortError)$/;

/** The browser or the device cannot answer with a passkey for this site. */
const PASSKEY_UNUSABLE =
  /^(PasskeyNotSupported|PasskeyRetrievalFailed|RelyingPartyMismatch|InvalidPasskeyAuthenticationOptions|SecurityError|NotSupportedError)$/;

/** Cognito ended the sign-in: only a new one from the first form can succeed. */
const SESSION_ENDED = /^(NotAuthorizedException|SignInException)$/;

/** The call that goes on with `method` from the `choose` step. */
export const callFor = (method: FirstFactor): AuthCall => (method === 'WEB_AUTHN' ? 'passkey' : 'choose');

function answered(state: FlowState, event: Extract<FlowEvent, { type: 'answered' }>): Transition | undefined {
  const { result, at, preferred } = event;
  const { signInStep, availableChallenges = [], codeDeliveryDetails = {} } = result.nextStep;
  if (result.isSignedIn) return undefined;
  if (signInStep === 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION') {
    const methods = firstFactors.filter((method) => availableChallenges.includes(method));
    // Only factors the element does not offer (a password): the machine's own "unsupported step".
    if (!methods.length) return undefined;
    const choose: FlowState = { step: 'choose', busy: false, methods, ...afterSignUp(state) };
    if (!preferred || !methods.includes(preferred)) return { state: choose };
    return {
      state: { ...choose, busy: true, call: callFor(preferred) },
      effect: { type: 'confirm', call: callFor(preferred), response: preferred },
    };
  }
  const method = codeSteps[signInStep];
  if (!method) return undefined;
  const { deliveryMedium, destination } = codeDeliveryDetails;
  const challengeParameters = { ...(deliveryMedium && { deliveryMedium }), ...(destination && { destination }) };
  // Cognito answers a wrong code with an error, not with another round: a round is always a new code.
  return {
    state: {
      step: 'challenge',
      busy: false,
      method,
      ...(state.methods && { methods: state.methods }),
      challengeParameters,
      sentAt: at,
      ...afterSignUp(state),
    },
  };
}

function failedUserAuth(state: FlowState, call: AuthCall, error: unknown): Transition | undefined {
  const name = String((error as Error | undefined)?.name);
  if (call === 'passkey' || call === 'choose') {
    const back = (reason: 'PasskeyCanceled' | 'PasskeyUnusable') => ({
      state: withError(state, { name, reason, step: state.step }, 'choose'),
    });
    if (call === 'passkey' && PASSKEY_CANCELLED.test(name)) return back('PasskeyCanceled');
    if (call === 'passkey' && PASSKEY_UNUSABLE.test(name)) return back('PasskeyUnusable');
    if (SESSION_ENDED.test(name)) {
      // A passkey Cognito does not know (deleted, or from another pool), or a session that lapsed on `choose`.
      const reason = call === 'passkey' ? 'PasskeyRejected' : 'SessionEnded';
      return { state: withError(state, { name, reason, step: state.step }, 'username') };
    }
    // Anything else (the network, the limits) keeps the choice open: the machine's own rules say so.
  }
  // A wrong or lapsed `USER_AUTH` code: Cognito keeps the sign-in, so the same code field takes another try.
  if (state.step === 'challenge' && state.method && call === 'confirmSignIn') {
    if (name === 'CodeMismatchException') {
      return { state: withError(state, { name, reason: 'WrongCode', step: 'challenge' }) };
    }
    if (name === 'ExpiredCodeException') {
      return { state: withError(state, { name: 'CodeExpired', reason: 'CodeExpired', step: 'challenge' }) };
    }
  }
  return undefined;
}

/** The `USER_AUTH` transitions; undefined leaves the event to the machine's own rules. */
export function userAuthTransition(state: FlowState, event: FlowEvent): Transition | undefined {
  if (event.type === 'answered') return answered(state, event);
  if (event.type === 'failed') return failedUserAuth(state, event.call, event.error);
  return undefined;
}
