/** The first form: the username and, in the SRP flow, the password; with `sign-up`, the way to the sign-up form. */
import { nothing } from 'lit';
import { field, form } from './form.js';
import type { StepRenderer } from './step-view.js';

export const username: StepRenderer = (view) =>
  form(
    view,
    [field(view, 'username'), view.authFlow === 'custom-with-srp' ? field(view, 'password') : nothing],
    'sendCode',
    view.signUp?.toSignUp(view),
  );
