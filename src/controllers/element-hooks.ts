/**
 * What a capability's controller (sign-up, sign-in links) may do with its element: read the state, run an auth
 * library call the way the element's own are run, move the machine on. The element hands these to its
 * controllers (and to its step templates, which use the actions among them), so its own fields stay private.
 */
import type { ReactiveElement } from 'lit';
import type { AuthAdapter, FirstFactor } from '../auth-adapter.js';
import type { AuthCalls } from '../auth-calls.js';
import type { AuthFlow } from '../auth-config.js';
import type { Fields } from '../sign-in-follow-ups.js';
import type { FlowEvent, FlowState } from '../sign-in-flow.js';

export interface ElementHooks {
  /** Where the sign-in stands, and what the user typed. */
  flow(): FlowState;
  fields(): Fields;
  /** Runs auth library calls the way the element's own are run. */
  readonly calls: AuthCalls;
  /**
   * Moves the machine on, with what follows from the move (fields, focus, events, effects); `moveFocus` false
   * leaves the page's focus where it is.
   */
  dispatch(event: FlowEvent, moveFocus?: boolean): void;
  /** Applies the pool attributes; false (with the reason shown) when they cannot work. */
  configured(): boolean;
  /** Remembers what the user typed into a field (or a sign-up attribute's field). */
  keep(field: string, value: string): void;
}

/** The element as its capabilities' controllers see it: its public attributes. */
export interface CapabilityHost extends ReactiveElement {
  readonly adapter: AuthAdapter;
  readonly authFlow: AuthFlow;
  readonly preferredChallenge?: FirstFactor | undefined;
  readonly signUp: boolean;
  readonly signUpAttributes?: string | undefined;
  readonly signInLink?: 'off' | undefined;
}
