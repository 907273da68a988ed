/**
 * The sign-in state machine's rules for Cognito's own passwordless flow (`USER_AUTH`), tried before the
 * machine's own by the elements that load the user-auth chunk. Pure, like the machine: Amplify's next steps and
 * errors in, the next state out.
 *
 * - `CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION` → the `choose` step, listing the first factors the pool
 *   offers this user; the element's preferred one is taken at once when offered.
 * - `CONFIRM_SIGN_IN_WITH_EMAIL_CODE` / `..._SMS_CODE` → the `challenge` step, as for a custom challenge.
 * - A passkey prompt the user closes, or one the device cannot answer, leads back to `choose`: Amplify keeps
 *   the sign-in (its store holds the `WEB_AUTHN` session), so a code can still be picked; should Cognito refuse
 *   the switch, a new sign-in goes straight to the picked factor.
 */
import type { FirstFactor } from './auth-adapter.js';
import {
  afterSignUp,
  transition,
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

/** Cognito ended the sign-in: only a new one can succeed. */
const SESSION_ENDED = /^(NotAuthorizedException|SignInException)$/;

function answered(state: FlowState, event: Extract<FlowEvent, { type: 'answered' }>): Transition | undefined {
  const { result, at, preferred } = event;
  const { signInStep, availableChallenges = [], codeDeliveryDetails = {} } = result.nextStep;
  if (result.isSignedIn) return undefined;
  if (signInStep === 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION') {
    const methods = firstFactors.filter((method) => availableChallenges.includes(method));
    // Only factors the element does not offer (a password): the machine's own "unsupported step".
    if (!methods.length) return undefined;
    const choose: FlowState = { step: 'choose', busy: false, methods, ...afterSignUp(state) };
    // A factor picked before this new sign-in, else the element's preferred one, is taken when offered.
    const pick = state.method ?? preferred;
    if (!pick || !methods.includes(pick)) return { state: choose };
    return { state: { ...choose, busy: true, call: pick }, effect: { type: 'confirm', call: pick, response: pick } };
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

/** A first factor picked on `choose` (the call is named after it) did not lead on. */
function pickFailed(state: FlowState, picked: FirstFactor, error: unknown): Transition | undefined {
  const { name, message = '' } = (error ?? {}) as { name?: string; message?: string };
  const passkey = picked === 'WEB_AUTHN';
  const back = (reason: 'PasskeyCanceled' | 'PasskeyUnusable'): Transition => ({
    state: { ...withError(state, { name: name!, reason, step: state.step }, 'choose'), afterPasskey: true },
  });
  if (passkey && PASSKEY_CANCELLED.test(name!)) return back('PasskeyCanceled');
  if (passkey && PASSKEY_UNUSABLE.test(name!)) return back('PasskeyUnusable');
  if (!SESSION_ENDED.test(name!)) return undefined;
  // After a failed prompt, Cognito may not let the sign-in switch to another factor (Amplify tries: it answers the
  // WEB_AUTHN challenge with SELECT_CHALLENGE): a new sign-in reaches the picked factor instead.
  if (state.afterPasskey && /^Invalid session/i.test(message)) {
    const { error: _gone, afterPasskey: _used, ...kept } = state;
    return { state: { ...kept, busy: true, call: 'signIn', method: picked }, effect: { type: 'sign-in' } };
  }
  // A passkey Cognito does not know (deleted, or of another pool), or a choice left open too long.
  const reason = passkey ? 'PasskeyRejected' : 'SessionEnded';
  return { state: withError(state, { name: name!, reason, step: state.step }, 'username') };
}

function failedUserAuth(state: FlowState, call: AuthCall, error: unknown): Transition | undefined {
  // Anything else a pick meets (the network, the limits) keeps the choice open: the machine's own rules say so.
  if (firstFactors.includes(call as FirstFactor)) return pickFailed(state, call as FirstFactor, error);
  // A wrong or lapsed `USER_AUTH` code: Cognito keeps the sign-in, so the same code field takes another try.
  if (state.step === 'challenge' && state.method && call === 'confirmSignIn') {
    const name = (error as Error | undefined)?.name;
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
function userAuthTransition(state: FlowState, event: FlowEvent): Transition | undefined {
  if (event.type === 'answered') return answered(state, event);
  if (event.type === 'failed') return failedUserAuth(state, event.call, event.error);
  return undefined;
}

/** The machine with the `USER_AUTH` rules tried first. */
export const transitionWithUserAuth = (state: FlowState, event: FlowEvent): Transition =>
  userAuthTransition(state, event) ?? transition(state, event);
