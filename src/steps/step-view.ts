/**
 * What a step's render function gets from the element: the state to show, texts, and the actions its controls
 * call. Steps render; the element decides nothing in them.
 */
import type { AuthFlow } from '../auth-config.js';
import type { Field, Fields } from '../sign-in-follow-ups.js';
import type { AuthCall, AuthStep, FlowEvent, FlowState } from '../sign-in-flow.js';
import type { StringKey, TextParams } from '../strings.js';
import type { SignUpKey } from '../strings/sign-up.js';
import type { UserAuthKey } from '../strings/user-auth.js';

/** The sign-up chunk, once an element with `sign-up` has loaded it. */
export type SignUpChunk = typeof import('./sign-up.js');

/** An element's part of the user-auth chunk, once an element with `auth-flow="user-auth"` has loaded it. */
export type UserAuth = import('../user-auth.js').UserAuth;

export interface StepView {
  readonly flow: FlowState;
  readonly authFlow: AuthFlow;
  readonly fields: Fields;
  /** Makes ids unique on the page (there may be no shadow root around them). */
  readonly idPrefix: string;
  /** The language the texts are in (English when it stands in for the page's): numbers and durations follow it. */
  readonly language: string;
  /** Seconds until a new code may be requested (0 once it may), and a code's lifetime in seconds. */
  readonly cooldown: number;
  readonly lifetime: number;
  /** With `sign-up`: the loaded sign-up chunk (undefined until it has arrived), and the extra attributes asked for. */
  readonly signUp?: SignUpChunk | undefined;
  readonly signUpAttributes?: string | undefined;
  /** With `auth-flow="user-auth"`: the element's part of the user-auth chunk, once it has arrived. */
  readonly userAuth?: UserAuth | undefined;
  t(key: StringKey | SignUpKey | UserAuthKey, params?: TextParams): string;
  /** Keeps what the user typed into `field` (or into the sign-up field of a user attribute). */
  keep(field: Field | string, value: string): void;
  /** Goes to the sign-up form, or back to signing in. */
  show(step: 'username' | 'sign-up'): void;
  /** Moves the machine on: a capability's step sends its own events. */
  dispatch(event: FlowEvent): void;
  /** Submits the current form. */
  submit(event: SubmitEvent): void;
  /** Escape on the challenge step: use a different username. */
  keydown(event: KeyboardEvent): void;
  /** Answers the current challenge with `response` through `call` (on `choose`: the first factor picked). */
  confirm(call: AuthCall, response: string): void;
  /** Requests a new code. */
  resend(): void;
  /** Goes back to the first form. */
  reset(): void;
  signOut(): void;
}

/** Renders one step. The signed-in step's view goes inside the `signed-in-view` part, every other one before it. */
export type StepRenderer = (view: StepView) => unknown;

export type StepMap = Readonly<Record<AuthStep, StepRenderer>>;
