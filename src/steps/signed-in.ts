/**
 * The default signed-in view: who is signed in, a sign-out button and, with `auth-flow="user-auth"`, the user's
 * passkeys (from the user-auth chunk). The `signed-in` slot replaces it.
 */
import { html } from 'lit';
import type { StepRenderer } from './step-view.js';

export const signedIn: StepRenderer = (view) =>
  html`<div part="signed-in" class="cal-signed-in">
    <p>${view.t('signedIn', { username: view.flow.user?.loginId ?? view.flow.user?.username ?? '' })}</p>
    ${view.userAuth?.passkeys(view)}
    <button
      part="sign-out-button"
      class="cal-sign-out-button"
      type="button"
      ?disabled=${view.flow.busy}
      @click=${view.signOut}
    >
      ${view.t('signOut')}
    </button>
  </div>`;
