/**
 * The challenge step: the question (a `prompt` challenge parameter replaces it), the code field with its
 * hints, and the ways on: a new code once the cooldown is over, or a different username (or Escape).
 */
import { html, nothing } from 'lit';
import { formatDuration } from '../strings.js';
import { field, form } from './form.js';
import type { StepRenderer } from './step-view.js';

export const challenge: StepRenderer = (view) => {
  const { flow, idPrefix, cooldown, t } = view;
  const { prompt, destination, codeLength = '' } = flow.challengeParameters ?? {};
  const lengthHint = /^\d+$/.test(codeLength);
  const ids = ['prompt', 'lifetime', ...(lengthHint ? ['length'] : [])].map((name) => idPrefix + name);
  return form(
    view,
    html`
      <p part="prompt" class="cal-prompt" id=${ids[0]}>
        ${prompt || (destination ? t('prompt', { destination }) : t('promptAnywhere'))}
      </p>
      ${field(view, 'code', ids.join(' '))}
      ${lengthHint ? html`<p part="hint" class="cal-hint" id=${ids[2]}>${t('codeLength', { codeLength })}</p>` : nothing}
      <p part="hint" class="cal-hint" id=${ids[1]}>
        ${t('lifetime', { duration: formatDuration(view.lifetime, view.language) })}
      </p>
    `,
    'signIn',
    html`<button
        part="resend-button"
        class="cal-resend-button"
        type="button"
        ?disabled=${flow.busy || cooldown > 0}
        @click=${view.resend}
      >
        ${cooldown > 0 ? t('resendIn', { seconds: cooldown }) : t('resend')}
      </button>
      <button part="restart-button" class="cal-restart-button" type="button" @click=${view.reset}>
        ${t('otherUsername')}
      </button>`,
  );
};
