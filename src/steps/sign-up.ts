/**
 * Sign-up, loaded as a chunk of its own only by elements with the `sign-up` attribute (see
 * src/controllers/sign-up.ts): the `sign-up` step (the address and any extra fields the page asked for), the
 * "Create an account" button of the `username` step, the request the form sends and the calls after it
 * (src/sign-up-calls.ts), sign-up's transitions of the state machine, and the sign-up texts of every language.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { activityOf, flowExtensions } from '../sign-in-flow.js';
import { problemPart } from '../sign-in-follow-ups.js';
import { signUpFlow } from '../sign-up-flow.js';
import { signUpAttributeFields, signUpAttributeNames, type SignUpAttribute } from '../sign-up-input.js';
import { chunkTexts } from '../strings.js';
import { signUpTexts } from '../strings/sign-up.js';
import { challenge } from './challenge.js';
import { form } from './form.js';
import type { StepRenderer, StepView } from './step-view.js';

// Beside the texts of another capability the page may have loaded (user-auth).
for (const language in signUpTexts) chunkTexts[language] = { ...chunkTexts[language], ...signUpTexts[language] };
flowExtensions.push(signUpFlow);
// What the status region says while sign-up's calls are out. A sign-up is followed at once by the code (the sign-in
// that sends it, or Cognito's confirmation code), as for an address that has an account.
Object.assign(activityOf, {
  signUp: 'sending',
  confirmSignUp: 'checking',
  resendSignUpCode: 'sending',
  autoSignIn: 'checking',
});

export { submit } from '../sign-up-calls.js';

/** A labelled field of the sign-up form: the address (the `username` field) or a user attribute. */
function signUpField(view: StepView, name: 'username' | SignUpAttribute): TemplateResult {
  const id = `${view.idPrefix}sign-up-${name}`;
  const email = name === 'username';
  const { error } = view.flow;
  return html`
    <label for=${id}>${view.t(email ? 'email' : name)}</label>
    <input
      id=${id}
      name=${email ? 'email' : name}
      part=${email ? 'username-input' : 'attribute-input'}
      class="cal-${email ? 'username' : 'attribute'}-input"
      type=${email ? 'email' : 'text'}
      .autocomplete=${(email ? 'email' : signUpAttributeFields[name as SignUpAttribute]) as AutoFill}
      autocapitalize=${email ? 'none' : 'words'}
      spellcheck="false"
      ?required=${email}
      aria-invalid=${email && !!error && problemPart(error.name) === 'username-input'}
      .value=${view.fields[name] ?? ''}
      @input=${(event: InputEvent) => view.keep(name, (event.target as HTMLInputElement).value)}
    />
  `;
}

/** The `sign-up` step: the address, the extra fields, "Create account", and the way back to signing in. */
export const step: StepRenderer = (view) =>
  form(
    view,
    [
      signUpField(view, 'username'),
      ...signUpAttributeNames(view.signUpAttributes).map((name) => signUpField(view, name)),
    ],
    'signUp',
    html`<button part="to-sign-in-button" class="cal-switch-button" type="button" @click=${() => view.show('username')}>
      ${view.t('haveAccount')}
    </button>`,
  );

/** The `username` step's way to the sign-up form; sign-up goes with the code-only flow, so only there. */
export const toSignUp: StepRenderer = (view) =>
  view.authFlow === 'custom-with-srp'
    ? nothing
    : html`<button
        part="to-sign-up-button"
        class="cal-switch-button"
        type="button"
        @click=${() => view.show('sign-up')}
      >
        ${view.t('createAccount')}
      </button>`;

/**
 * The `challenge` step for the code that confirms a new account: the same look as a sign-in code's, with the
 * confirmation behind its submit and a new sign-up code behind "Send a new code".
 */
export const code: StepRenderer = (view) =>
  challenge({
    ...view,
    submit: (event) => {
      event.preventDefault();
      view.dispatch({ type: 'sign-up-call', call: 'confirmSignUp' });
    },
    resend: () => view.dispatch({ type: 'sign-up-call', call: 'resendSignUpCode' }),
  });
