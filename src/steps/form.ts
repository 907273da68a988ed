/** Pieces the form steps share: the form with its submit button, and a labelled field. */
import { html, nothing, type TemplateResult } from 'lit';
import { problemPart, type Field } from '../sign-in-follow-ups.js';
import { isNumericAnswer } from '../sign-in-input.js';
import type { StringKey } from '../strings.js';
import type { SignUpKey } from '../strings/sign-up.js';
import type { StepView } from './step-view.js';

/** What password managers and one-time-code autofill need to know about each field. */
const autocompleteOf: Readonly<Record<Field, AutoFill>> = {
  username: 'username',
  password: 'current-password',
  code: 'one-time-code',
};

/** The code expired: its field and the submit button close, a new code is the way on. */
export const expired = (view: StepView): boolean => view.flow.error?.name === 'CodeExpired';

/** A form of `content` and a submit button labelled `submitLabel`, then `after` (further buttons). */
export function form(
  view: StepView,
  content: unknown,
  submitLabel: StringKey | SignUpKey,
  after: unknown = nothing,
): TemplateResult {
  const { busy } = view.flow;
  return html`
    <form part="form" class="cal-form" novalidate aria-busy=${busy} @submit=${view.submit} @keydown=${view.keydown}>
      ${content}
      <button part="submit-button" class="cal-submit-button" type="submit" ?disabled=${busy || expired(view)}>
        ${view.t(submitLabel)}
      </button>
      ${after}
    </form>
  `;
}

/** A labelled input keeping what the user typed; its name is the field's, its part `<name>-input`. */
export function field(view: StepView, name: Field, describedBy?: string): TemplateResult {
  const id = view.idPrefix + name;
  const { error, challengeParameters } = view.flow;
  const invalid = !!error && problemPart(error.name) === `${name}-input`;
  return html`
    <label for=${id}>${view.t(name)}</label>
    <input
      id=${id}
      name=${name}
      part="${name}-input"
      class="cal-${name}-input"
      type=${name === 'password' ? 'password' : 'text'}
      .autocomplete=${autocompleteOf[name]}
      inputmode=${name === 'code' && isNumericAnswer(challengeParameters) ? 'numeric' : nothing}
      autocapitalize="none"
      spellcheck="false"
      required
      aria-describedby=${describedBy ?? nothing}
      aria-invalid=${invalid}
      ?disabled=${name === 'code' && expired(view)}
      .value=${view.fields[name]}
      @input=${(event: InputEvent) => view.keep(name, (event.target as HTMLInputElement).value)}
    />
  `;
}
