/**
 * One render function per step. A new step is one entry here and one module beside this one (plus its name in
 * `AuthStep`, which makes this map incomplete until it has its entry).
 */
import { nothing } from 'lit';
import { challenge } from './challenge.js';
import { signedIn } from './signed-in.js';
import type { StepMap } from './step-view.js';
import { username } from './username.js';

export const steps: StepMap = {
  // While the stored session is looked for, the status region says so; there is nothing to fill in.
  loading: () => nothing,
  username,
  // Rendered by the sign-up chunk, which elements with `sign-up` load; nothing until it has arrived.
  'sign-up': (view) => view.signUp?.step(view),
  // Rendered by the user-auth chunk, which elements with `auth-flow="user-auth"` load.
  choose: (view) => view.userAuth?.choose(view),
  // The code that confirms a new account is the sign-up chunk's: the same look, its own calls.
  challenge: (view) => (view.flow.signUpCode ? view.signUp?.code(view) : challenge(view)),
  'signed-in': signedIn,
};
