/**
 * Sign-up for elements with the `sign-up` attribute: loads the sign-up chunk (the step, its texts, its request
 * and its transitions, see src/steps/sign-up.ts) the first time the attribute is set, and hands the chunk the
 * submit of the `sign-up` step. Elements without the attribute never fetch it.
 */
import type { ReactiveController } from 'lit';
import type { SignUpChunk } from '../steps/step-view.js';
import type { CapabilityHost, ElementHooks } from './element-hooks.js';

export class SignUpController implements ReactiveController {
  readonly #host: CapabilityHost;
  readonly #hooks: ElementHooks;
  #chunk?: SignUpChunk;
  #loading?: Promise<void>;

  constructor(host: CapabilityHost, hooks: ElementHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  /** The sign-up chunk for the step map, when the element has `sign-up` and the chunk has arrived. */
  get chunk(): SignUpChunk | undefined {
    return this.#host.signUp ? this.#chunk : undefined;
  }

  hostUpdate(): void {
    this.#loading ??= this.#host.signUp
      ? import('../steps/sign-up.js').then((chunk) => {
          this.#chunk = chunk;
          this.#host.requestUpdate();
        })
      : undefined;
  }

  /** Submits the `sign-up` step (shown only once the chunk is there). */
  submit(): Promise<void> | undefined {
    return this.#chunk?.submit(this.#hooks, this.#host);
  }
}
