/**
 * The default signed-in view: who is signed in, a sign-out button and, with `auth-flow="user-auth"`, the user's
 * passkeys (from the user-auth chunk). The `signed-in` slot replaces it.
 */
import { html } from 'lit';
import type { StepRenderer } from './step-view.js';

export const signedIn: StepRenderer = (view) => {
  const { flow, t, signOut } = view;
  return html`<div part="signed-in" class="cal-signed-in">
    <p>${t('signedIn', { username: flow.user?.loginId ?? flow.user?.username ?? '' })}</p>
    ${view.userAuth?.passkeys(view)}
    <button part="sign-out-button" class="cal-sign-out-button" type="button" ?disabled=${flow.busy} @click=${signOut}>
      ${t('signOut')}
    </button>
  </div>`;
};
