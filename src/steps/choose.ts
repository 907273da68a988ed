/**
 * The `choose` step (`auth-flow="user-auth"`): one button per first factor the pool offers this user, each naming
 * its factor in `data-method`, and the way back to a different username (or Escape).
 */
import { html } from 'lit';
import type { StepRenderer } from './step-view.js';

export const choose: StepRenderer = (view) => {
  const { flow, idPrefix, t } = view;
  const promptId = `${idPrefix}choose`;
  return html`<div
    class="cal-form"
    role="group"
    aria-labelledby=${promptId}
    aria-busy=${flow.busy}
    @keydown=${view.keydown}
  >
    <p part="prompt" class="cal-prompt" id=${promptId}>${t('chooseMethod')}</p>
    ${(flow.methods ?? []).map(
      (method) =>
        html`<button
          part="method-button"
          class="cal-method-button"
          type="button"
          data-method=${method}
          ?disabled=${flow.busy}
          @click=${() => view.confirm(method, method)}
        >
          ${t(method)}
        </button>`,
    )}
    <button part="restart-button" class="cal-restart-button" type="button" @click=${view.reset}>
      ${t('otherUsername')}
    </button>
  </div>`;
};
