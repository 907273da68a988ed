/**
 * Vue 3 typings: `<custom-auth-login>` as a global component, so templates and `h()` check its attributes and
 * its `@auth-signed-in`-style listeners.
 *
 * Load them once, e.g. `import type {} from 'custom-auth-login/vue';` in a `.d.ts` of the app, and tell the
 * template compiler the tag is a custom element (`compilerOptions.isCustomElement`).
 *
 * Vue sets a prop as a property when the element has one of that name (`userPoolId`, `adapter`) and as an
 * attribute otherwise (`user-pool-id`); a listener prop `onAuthSignedIn` listens for `auth-signed-in`.
 */
import type { DefineComponent } from 'vue';
import type { AuthEventName } from '../events.js';
import type {
  AuthEventHandler,
  CamelCase,
  CustomAuthLoginAttributes,
  CustomAuthLoginPropertyOnlyProps,
  PascalCaseEventName,
} from './element-props.js';

/** `userPoolId`, … : the attributes in the camelCase Vue uses for props (templates may write either case). */
export type CustomAuthLoginVueAttributeProps = {
  [Name in keyof CustomAuthLoginAttributes as CamelCase<Name>]: CustomAuthLoginAttributes[Name];
};

/** `onAuthSignedIn`, … : what `@auth-signed-in` compiles to. */
export type CustomAuthLoginVueEventProps = {
  [Name in AuthEventName as `on${PascalCaseEventName<Name>}`]?: AuthEventHandler<Name>;
};

/** Every prop `<custom-auth-login>` takes in Vue. */
export type CustomAuthLoginVueProps = CustomAuthLoginVueAttributeProps &
  CustomAuthLoginPropertyOnlyProps &
  CustomAuthLoginVueEventProps;

declare module 'vue' {
  interface GlobalComponents {
    'custom-auth-login': DefineComponent<CustomAuthLoginVueProps>;
  }
}
