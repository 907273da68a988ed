/**
 * The session behind the element: looks for a stored one when the element begins (and again when its pool
 * changes), finds out who a session belongs to, and follows sign-ins and sign-outs made elsewhere on the page
 * (another element, the page's own code) through the adapter, which is where Amplify's Hub is heard, while the
 * element is on the page.
 */
import type { ReactiveController } from 'lit';
import type { AuthChange } from '../auth-adapter.js';
import { followChange } from '../sign-in-flow.js';
import type { CapabilityHost, ElementHooks } from './element-hooks.js';

export class Session implements ReactiveController {
  readonly #host: CapabilityHost;
  readonly #hooks: ElementHooks;
  /** Settles once the texts of the element's language are at hand. */
  readonly #texts: () => Promise<void>;
  #unlisten?: () => void;

  constructor(host: CapabilityHost, hooks: ElementHooks, texts: () => Promise<void>) {
    this.#host = host;
    this.#hooks = hooks;
    this.#texts = texts;
    host.addController(this);
  }

  /** Applies the configuration and looks for a stored session: the start of every element and every pool change. */
  begin(): void {
    this.#hooks.calls.abandon();
    this.#listen();
    if (!this.#hooks.configured()) return;
    this.#hooks.dispatch({ type: 'restoring' });
    void this.loadUser(true);
  }

  /**
   * Finds out who the stored tokens belong to, then shows them signed in. Either way the outcome waits for the
   * texts of the element's language, so the step that follows the session check shows up in it straight away.
   */
  loadUser(restored: boolean, moveFocus = true): Promise<void> {
    const { calls, dispatch, flow } = this.#hooks;
    return calls.run(
      'getCurrentUser',
      () => this.#host.adapter.getCurrentUser().finally(this.#texts),
      (user) => dispatch({ type: 'user-found', user, restored, link: flow().link }, moveFocus),
      false,
    );
  }

  hostConnected(): void {
    // Moved elsewhere on the page: listen again (the first connection listens when the element begins).
    if (this.#host.hasUpdated) this.#listen();
  }

  hostDisconnected(): void {
    this.#unlisten?.();
  }

  /** Listens to the element's adapter (again, when it was replaced). */
  #listen(): void {
    this.hostDisconnected();
    this.#unlisten = this.#host.adapter.listen((change) => this.#follow(change));
  }

  /** A sign-in or sign-out made elsewhere on the page. The page's focus stays where the user is. */
  #follow(change: AuthChange): void {
    const follow = followChange(this.#hooks.flow(), change);
    if (follow === 'signed-out') this.#hooks.dispatch({ type: 'signed-out' }, false);
    else if (follow) {
      this.#hooks.calls.abandon();
      void this.loadUser(true, false);
    }
  }
}
