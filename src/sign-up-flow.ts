/**
 * Sign-up's transitions of the sign-in state machine, which the sign-up chunk adds to it when it loads (see
 * `flowExtensions`): switching between the two first forms, and the sign-in that follows a sign-up. Pure.
 */
import { withError, type FlowExtension, type FlowState, type Transition } from './sign-in-flow.js';

/**
 * After a sign-up, the sign-in that sends the first code. An address that already has an account goes the same
 * way, so the screens (and the requests) do not tell whether it had one: that user simply gets a code.
 */
const signInAfterSignUp = (state: FlowState, newUser: boolean): Transition => ({
  state: { ...state, busy: true, call: 'signIn', newUser },
  effect: { type: 'sign-in' },
});

export const signUpFlow: FlowExtension = (state, event) => {
  // Between the two first forms only, and not while a call is out.
  if (event.type === 'show') {
    return {
      state: state.busy || !/^(username|sign-up)$/.test(state.step) ? state : { step: event.step, busy: false },
    };
  }
  if (event.type === 'signed-up') return signInAfterSignUp(state, true);
  if (event.type !== 'failed' || event.call !== 'signUp') return undefined;
  const { name, message } = Object(event.error) as Partial<Error>;
  if (name === 'UsernameExistsException') return signInAfterSignUp(state, false);
  // The pool takes no sign-ups ("SignUp is not permitted for this user pool"); other failures are the sign-in's.
  if (name !== 'NotAuthorizedException') return undefined;
  return { state: withError(state, { name, message, reason: 'SignUpNotAllowed', step: state.step }) };
};
