/**
 * The session behind the element: looks for a stored one when the element begins (and again when its pool
 * changes), finds out who a session belongs to, and follows sign-ins and sign-outs made elsewhere on the page
 * (another element, the page's own code) through the adapter, which is where Amplify's Hub is heard, while the
 * element is on the page. While Amplify is still on its way, a page whose token storage holds nothing of the
 * element's client gets the first form at once, and Amplify looks for a session once more, quietly, on arrival.
 */
import type { ReactiveController } from 'lit';
import type { AuthChange } from '../auth-adapter.js';
import { namesPool, tokenStorageChoice, type ConfigAttributes } from '../auth-config.js';
import { followChange } from '../sign-in-flow.js';
import { mayHoldSession, pageStorageKeys } from '../stored-session.js';
import type { CapabilityHost, ElementHooks } from './element-hooks.js';

type SessionHost = CapabilityHost & ConfigAttributes;

export class Session implements ReactiveController {
  readonly #host: SessionHost;
  readonly #hooks: ElementHooks;
  /** Settles once the texts of the element's language are at hand. */
  readonly #texts: () => Promise<void>;
  #unlisten?: () => void;
  /** Counts the beginnings: a wait for the auth library belongs to the one it started in. */
  #round = 0;

  constructor(host: SessionHost, hooks: ElementHooks, texts: () => Promise<void>) {
    this.#host = host;
    this.#hooks = hooks;
    this.#texts = texts;
    host.addController(this);
  }

  /** Applies the configuration and looks for a stored session: the start of every element and every pool change. */
  begin(): void {
    const { calls, configured, dispatch } = this.#hooks;
    const round = ++this.#round;
    calls.abandon();
    this.#listen();
    const arrival = this.#host.adapter.pending?.();
    /** `next` once `promise` settles, unless the element began again meanwhile. */
    const after = (promise: Promise<void>, next: () => void) =>
      void promise.then(() => round === this.#round && next());
    // Without pool attributes the element takes the auth library's configuration, known once it is here.
    if (arrival && !namesPool(this.#host)) {
      dispatch({ type: 'restoring' });
      after(arrival, () => this.#restore());
    } else if (!configured()) return;
    else if (arrival && !this.#mayHoldSession()) {
      // The first form, in the element's language, then a quiet look for a session once Amplify is here.
      after(this.#texts(), () => {
        dispatch({ type: 'restoring', nothingStored: true });
        after(arrival, () => this.#lookQuietly());
      });
    } else this.#restore();
  }

  #restore(): void {
    if (!this.#hooks.configured()) return;
    this.#hooks.dispatch({ type: 'restoring' });
    void this.loadUser(true);
  }

  /** Whether the token storage the element chose (else Amplify's default, localStorage) may hold a session. */
  #mayHoldSession(): boolean {
    const { kind } = tokenStorageChoice(this.#host) ?? { kind: 'local' };
    return mayHoldSession(this.#host.userPoolClientId!.trim(), kind, pageStorageKeys);
  }

  /**
   * A session the storage check could not see (kept where the page told Amplify to keep it) still shows, unless
   * the user has started to sign in; when nobody is signed in, nothing changes.
   */
  #lookQuietly(): void {
    const { flow, dispatch } = this.#hooks;
    const idle = () => flow().step === 'username' && !flow().busy;
    this.#host.adapter.getCurrentUser().then(
      (user) => idle() && dispatch({ type: 'user-found', user, restored: true }, false),
      () => {},
    );
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
