/**
 * What surrounds every step: the header and footer slots, the error and status regions, and the signed-in view
 * with its slot. The step itself comes from the step map.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { speaksBuiltIn } from '../strings.js';
import { steps } from './index.js';
import type { StepView } from './step-view.js';

/** The step's view, and what the frame shows around it. */
export interface FrameView extends StepView {
  /** The error's text, shown in the `error` part (empty when there is none). */
  readonly errorText: string;
  /** The status region's text. */
  readonly status: string;
  /** The page fills the `signed-in` slot: the default signed-in view stays out. */
  readonly hasSignedInContent: boolean;
  slotchange(event: Event): void;
}

export function frame(view: FrameView): TemplateResult {
  const { flow, language, errorText } = view;
  const signedIn = flow.step === 'signed-in';
  const content = steps[flow.step](view);
  // The texts are marked with the language they are in (English standing in for the page's, say), and the
  // built-in ones are written left to right whatever the page's direction, which still places the element
  // itself; texts the page supplies (an empty `dir`) take the page's direction.
  return html`
    <slot name="header"></slot>
    <div .lang=${language} .dir=${speaksBuiltIn(language) ? 'ltr' : ''}>
      <div part="error" class="cal-error" role="alert" ?hidden=${!errorText}>${errorText}</div>
      <div part="status" class="cal-status" role="status">${view.status}</div>
      ${signedIn ? nothing : content}
      <div part="signed-in-view" class="cal-signed-in-view" tabindex="-1" ?hidden=${!signedIn}>
        <slot name="signed-in" @slotchange=${view.slotchange}></slot>
        ${signedIn && !view.hasSignedInContent ? content : nothing}
      </div>
    </div>
    <slot name="footer"></slot>
  `;
}
