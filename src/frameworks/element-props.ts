/**
 * What the framework typings share: the element's attributes as markup writes them, and its events with the
 * handler each one gets. Both come from the element's own types, so a property or event whose type changes
 * changes here too.
 */
import type { AuthAdapter } from '../auth-adapter.js';
import type { CustomAuthLogin } from '../custom-auth-login.component.js';
import type { AuthEventMap, AuthEventName } from '../events.js';

/** The element's attributes (kebab-case, as in HTML), typed from the properties they set. */
export interface CustomAuthLoginAttributes {
  /** See {@link CustomAuthLogin.userPoolId}. */
  'user-pool-id'?: CustomAuthLogin['userPoolId'];
  /** See {@link CustomAuthLogin.userPoolClientId}. */
  'user-pool-client-id'?: CustomAuthLogin['userPoolClientId'];
  /** See {@link CustomAuthLogin.userPoolEndpoint}. */
  'user-pool-endpoint'?: CustomAuthLogin['userPoolEndpoint'];
  /** See {@link CustomAuthLogin.authFlow}. */
  'auth-flow'?: CustomAuthLogin['authFlow'];
  /** See {@link CustomAuthLogin.preferredChallenge}. */
  'preferred-challenge'?: CustomAuthLogin['preferredChallenge'];
  /** See {@link CustomAuthLogin.username}. */
  username?: CustomAuthLogin['username'];
  /** See {@link CustomAuthLogin.resendCooldown}; seconds, written as a number or a numeric string. */
  'resend-cooldown'?: CustomAuthLogin['resendCooldown'] | `${number}`;
  /** See {@link CustomAuthLogin.codeLifetime}; seconds, written as a number or a numeric string. */
  'code-lifetime'?: CustomAuthLogin['codeLifetime'] | `${number}`;
  /** See {@link CustomAuthLogin.noShadow}. */
  'no-shadow'?: CustomAuthLogin['noShadow'];
  /** See {@link CustomAuthLogin.tokenStorage}. */
  'token-storage'?: CustomAuthLogin['tokenStorage'];
  /** See {@link CustomAuthLogin.cookieDomain}. */
  'cookie-domain'?: CustomAuthLogin['cookieDomain'];
  /** See {@link CustomAuthLogin.signUp}. */
  'sign-up'?: CustomAuthLogin['signUp'];
  /** See {@link CustomAuthLogin.signUpAttributes}. */
  'sign-up-attributes'?: CustomAuthLogin['signUpAttributes'];
  /** See {@link CustomAuthLogin.signInLink}. */
  'sign-in-link'?: CustomAuthLogin['signInLink'];
}

/** Properties without an attribute, which frameworks that set properties on custom elements can pass. */
export interface CustomAuthLoginPropertyOnlyProps {
  /** See {@link CustomAuthLogin.strings}. */
  strings?: CustomAuthLogin['strings'];
  /** See {@link CustomAuthLogin.adapter}. */
  adapter?: AuthAdapter;
}

/** A listener for one of the element's events, receiving the typed `CustomEvent`. */
export type AuthEventHandler<Name extends AuthEventName> = (event: AuthEventMap[Name]) => void;

/** `auth-signed-in` → `AuthSignedIn`: the spelling of an event inside a camelCase prop name. */
export type PascalCaseEventName<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalCaseEventName<Tail>}`
  : Capitalize<Name>;

/** `user-pool-id` → `userPoolId`. */
export type CamelCase<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : Name;
