/**
 * Sign-up for elements with the `sign-up` attribute: loads the sign-up chunk (the step, its texts, its request
 * and its transitions, see src/steps/sign-up.ts) the first time the attribute is set, and hands the chunk the
 * submit of the `sign-up` step and sign-up's calls after it (the code that confirms the account, a new code,
 * the auto sign-in). Elements without the attribute never fetch it.
 */
import type { ReactiveController } from 'lit';
import type { SignUpCall } from '../sign-in-flow.js';
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

  /**
   * Submits the `sign-up` step (shown only once the chunk is there), or makes `call`, one of sign-up's calls after
   * it, which the machine asks for (only once the chunk has added its rules).
   */
  submit(call?: SignUpCall): Promise<void> | undefined {
    return this.#chunk?.submit(this.#hooks, this.#host, call);
  }
}
