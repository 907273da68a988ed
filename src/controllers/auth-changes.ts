/**
 * Follows sign-ins and sign-outs made elsewhere on the page (another element, the page's own code) through the
 * adapter, which is where Amplify's Hub is heard. Listens while the element is on the page.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import type { AuthAdapter, AuthChange } from '../auth-adapter.js';

export class AuthChanges implements ReactiveController {
  readonly #host: ReactiveElement & { readonly adapter: AuthAdapter };
  readonly #onChange: (change: AuthChange) => void;
  #unlisten?: () => void;

  constructor(host: ReactiveElement & { readonly adapter: AuthAdapter }, onChange: (change: AuthChange) => void) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  /** Listens to the element's adapter (again, when it was replaced). */
  listen(): void {
    this.hostDisconnected();
    this.#unlisten = this.#host.adapter.listen(this.#onChange);
  }

  hostConnected(): void {
    // Moved elsewhere on the page: listen again (the first connection listens when the element begins).
    if (this.#host.hasUpdated) this.listen();
  }

  hostDisconnected(): void {
    this.#unlisten?.();
  }
}
