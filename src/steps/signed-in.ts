/** The default signed-in view: who is signed in, and a sign-out button. The `signed-in` slot replaces it. */
import { html } from 'lit';
import type { StepRenderer } from './step-view.js';

export const signedIn: StepRenderer = ({ flow, t, signOut }) =>
  html`<div part="signed-in" class="cal-signed-in">
    <p>${t('signedIn', { username: flow.user?.username ?? '' })}</p>
    <button part="sign-out-button" class="cal-sign-out-button" type="button" ?disabled=${flow.busy} @click=${signOut}>
      ${t('signOut')}
    </button>
  </div>`;
