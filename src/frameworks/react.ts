/**
 * JSX typings for React 19: `<custom-auth-login>` with its attributes and typed event handler props.
 *
 * Load them once, e.g. `import type {} from 'custom-auth-login/react';` in a `.d.ts` of the app.
 *
 * React 19 sets a custom element's known properties as properties (so `adapter` works) and turns a prop
 * `on<event-name>` into a listener for exactly `<event-name>`: the element's kebab-case events are written
 * `onauth-signed-in={…}`.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { CustomAuthLogin } from '../custom-auth-login.component.js';
import type { AuthEventName } from '../events.js';
import type { AuthEventHandler, CustomAuthLoginAttributes, CustomAuthLoginPropertyOnlyProps } from './element-props.js';

/** `onauth-signed-in`, … : one handler prop per event, named as React 19 expects. */
export type CustomAuthLoginReactEventProps = {
  [Name in AuthEventName as `on${Name}`]?: AuthEventHandler<Name>;
};

/** Every prop `<custom-auth-login>` takes in React. */
export type CustomAuthLoginReactProps = DetailedHTMLProps<HTMLAttributes<CustomAuthLogin>, CustomAuthLogin> &
  CustomAuthLoginAttributes &
  CustomAuthLoginPropertyOnlyProps &
  CustomAuthLoginReactEventProps;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React declares JSX as a namespace to merge into
  namespace JSX {
    interface IntrinsicElements {
      'custom-auth-login': CustomAuthLoginReactProps;
    }
  }
}
