/**
 * Sign-up's transitions of the sign-in state machine, which the sign-up chunk adds to it when it loads (see
 * `flowExtensions`): switching between the two first forms, the code that confirms a new account, and the
 * sign-in that follows. Pure.
 *
 * - The custom flows sign up with a random password; the pool's Pre Sign-up trigger confirms the account, and
 *   the sign-in that follows sends the first code (which proves the address).
 * - `USER_AUTH` signs up without a password (Cognito's passwordless sign-up): Cognito sends a code that confirms
 *   the account, shown on the `challenge` step; once confirmed, Amplify's auto sign-in carries the sign-up's
 *   session into the sign-in, so no second code is needed. A pool that confirms at once goes straight to it.
 * - Amplify keeps that session in memory for three minutes: after a reload, or later, the confirmation says
 *   `DONE` and an ordinary sign-in follows, with a code of its own.
 * - An account left unconfirmed (its code never typed) meets the user again at sign-in (Amplify's
 *   `CONFIRM_SIGN_UP`): a new code is sent to confirm it, then the user signs in.
 */
import type { CodeDelivery, SignUpResult } from './auth-adapter.js';
import { withError, type FlowExtension, type FlowState, type SignUpCall, type Transition } from './sign-in-flow.js';

/** `state` without what only the code of a sign-up needed: the account is confirmed. */
function confirmed({ signUpCode: _done, error: _gone, ...state }: FlowState): FlowState {
  return state;
}

/**
 * After a sign-up, the sign-in that sends the first code. An address that already has an account goes the same
 * way, so the screens (and the requests) do not tell whether it had one: that user simply gets a code.
 */
const signInAfterSignUp = (state: FlowState, newUser: boolean): Transition => ({
  state: { ...confirmed(state), busy: true, call: 'signIn', newUser },
  effect: { type: 'sign-in' },
});

/** One of sign-up's calls, busy on the current step; from here on the account is a new user's. */
const call = (state: FlowState, name: SignUpCall): Transition => ({
  state: { ...state, busy: true, call: name, newUser: true },
  effect: { type: 'sign-up', call: name },
});

/** A code that confirms the account was sent: the `challenge` step asks for it, as for a sign-in code. */
function codeSent({ deliveryMedium, destination }: CodeDelivery = {}, at: number): Transition {
  const challengeParameters = { ...(deliveryMedium && { deliveryMedium }), ...(destination && { destination }) };
  return {
    state: { step: 'challenge', busy: false, signUpCode: true, challengeParameters, sentAt: at, newUser: true },
  };
}

/** Amplify's next step after the sign-up or its confirmation. */
function signedUp(state: FlowState, { nextStep }: SignUpResult, at: number): Transition {
  if (nextStep.signUpStep === 'CONFIRM_SIGN_UP') return codeSent(nextStep.codeDeliveryDetails, at);
  if (nextStep.signUpStep === 'COMPLETE_AUTO_SIGN_IN') return call(confirmed(state), 'autoSignIn');
  // Confirmed without an auto sign-in (the custom flows, or Amplify no longer holds the session): sign in.
  return signInAfterSignUp(state, true);
}

/** A confirmation code that was not taken. */
function codeFailed(state: FlowState, name: string, message = ''): Transition | undefined {
  if (name === 'CodeMismatchException') {
    return { state: withError(state, { name, message, reason: 'WrongCode', step: 'challenge' }) };
  }
  if (name === 'ExpiredCodeException') {
    return { state: withError(state, { name: 'CodeExpired', message, reason: 'CodeExpired', step: 'challenge' }) };
  }
  // Cognito spends a code after a few wrong tries: a new one is the way on.
  if (name === 'TooManyFailedAttemptsException') {
    return { state: withError(state, { name, message, reason: 'TooManyWrongCodes', step: 'challenge' }) };
  }
  // Confirmed already (by this code in an earlier try whose answer was lost, or in another tab): sign in.
  if (name === 'NotAuthorizedException' && /status is CONFIRMED/i.test(message)) return signInAfterSignUp(state, true);
  // The limits across codes and sign-ins ("Attempt limit exceeded…"): wait, on the same step.
  if (/limit exceeded/i.test(message)) {
    return { state: withError(state, { name, message, reason: 'TooManyRequests', step: 'challenge' }) };
  }
  // The limits, the network, …: the machine's own rules, on the same step, with the code kept.
  return undefined;
}

export const signUpFlow: FlowExtension = (state, event) => {
  switch (event.type) {
    // Between the two first forms only, and not while a call is out.
    case 'show':
      return {
        state: state.busy || !/^(username|sign-up)$/.test(state.step) ? state : { step: event.step, busy: false },
      };
    case 'signed-up':
      return signedUp(state, event.result, event.at);
    case 'sign-up-code-sent':
      return codeSent(event.delivery, event.at);
    // The user's own, on the code's step; a double click lands before the button is disabled.
    case 'sign-up-call':
      return { state, ...(!state.busy && { effect: { type: 'sign-up', call: event.call } }) };
    case 'answered':
      // The account was never confirmed (Cognito's UserNotConfirmedException): a new code confirms it.
      return event.result.nextStep.signInStep === 'CONFIRM_SIGN_UP' ? call(state, 'resendSignUpCode') : undefined;
    case 'failed':
      break;
    default:
      return undefined;
  }
  const { name = '', message } = Object(event.error) as Partial<Error>;
  if (event.call === 'confirmSignUp') return codeFailed(state, name, message);
  // Amplify no longer holds the sign-up's session (it lapsed, or Cognito refused it): an ordinary sign-in.
  if (event.call === 'autoSignIn' && /^(AutoSignInException|NotAuthorizedException)$/.test(name)) {
    return signInAfterSignUp(state, true);
  }
  if (event.call !== 'signUp') return undefined;
  if (name === 'UsernameExistsException') return signInAfterSignUp(state, false);
  // The pool takes no sign-ups ("SignUp is not permitted for this user pool"); other failures are the sign-in's.
  if (name !== 'NotAuthorizedException') return undefined;
  return { state: withError(state, { name, message, reason: 'SignUpNotAllowed', step: state.step }) };
};
