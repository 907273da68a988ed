/**
 * Registers `<custom-auth-login>` and exports its public API. Safe to load twice (two script tags, two bundles)
 * and to import where there is no DOM (server-side rendering): registration is skipped there.
 */
import { CustomAuthLogin } from './custom-auth-login.component.js';

export { CustomAuthLogin } from './custom-auth-login.component.js';
export type { AuthAdapter, AuthChange, AuthTokens, AuthUser, CognitoConfig, SignInResult } from './auth-adapter.js';
export type { AuthFlow } from './auth-config.js';
export type { AuthStep } from './sign-in-flow.js';
export type { StringKey, StringOverrides } from './strings.js';
export type {
  AuthErrorDetail,
  AuthEventDetails,
  AuthEventMap,
  AuthEventName,
  AuthSignedInDetail,
  AuthSignedOutDetail,
  AuthStepChangeDetail,
} from './events.js';

export const tagName = 'custom-auth-login';

if (typeof customElements !== 'undefined' && !customElements.get(tagName)) {
  customElements.define(tagName, CustomAuthLogin);
}

declare global {
  interface HTMLElementTagNameMap {
    'custom-auth-login': CustomAuthLogin;
  }
}
