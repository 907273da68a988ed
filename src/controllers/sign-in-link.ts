/**
 * Sign-in links (`<page>#cal1.<claims>.<signature>`, see docs/backend.md): takes a link's token out of the
 * address when the element connects, and whenever the fragment changes in a page already open (a link opened in
 * its tab), then signs in with it once the element is idle on a form: after the session check, so that someone
 * signed in stays signed in. What finishes a link is a chunk of its own, fetched only then. `sign-in-link="off"`
 * leaves links alone.
 */
import type { ReactiveController } from 'lit';
import { en } from '../strings/en.js';
import type { CapabilityHost, ElementHooks } from './element-hooks.js';

/** A link's fragment, its token captured. */
const linkFragment = /^#(cal1\.[\w-]+\.[\w-]+)$/;

export class SignInLinkController implements ReactiveController {
  readonly #host: CapabilityHost;
  readonly #hooks: ElementHooks;
  /** A token taken from the address and not yet used. */
  #token?: string;

  constructor(host: CapabilityHost, hooks: ElementHooks) {
    this.#host = host;
    this.#hooks = hooks;
  }

  hostConnected(): void {
    this.#take();
    addEventListener('hashchange', this.#take);
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.#take);
  }

  // Before the element renders, so the sign-in's first state is what that render shows.
  hostUpdate(): void {
    const token = this.#token;
    const { step, busy, error } = this.#hooks.flow();
    // A pool that is not set up keeps the link until it is; a session check under way is waited for.
    if (!token || busy || error?.name === 'ConfigurationError') return;
    this.#token = undefined;
    if (step === 'signed-in') return;
    void this.#hooks.calls.advance(
      'signIn',
      async () => (await import('../link-sign-in.js')).finishLink(this.#host.adapter, token, en),
      { link: true },
    );
  }

  /** The token leaves the address bar before anything else, so it stays out of history, bookmarks and Referer. */
  readonly #take = (): void => {
    const token = this.#host.signInLink != 'off' && linkFragment.exec(location.hash)?.[1];
    if (!token) return;
    history.replaceState(history.state, '', location.pathname + location.search);
    this.#token = token;
    this.#host.requestUpdate();
  };
}
