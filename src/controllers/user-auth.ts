/**
 * Cognito's own passwordless sign-in for elements with `auth-flow="user-auth"`: loads the user-auth chunk (its
 * transitions, the `choose` step, the passkeys of the signed-in view, their texts) the first time the flow is
 * chosen, says which first factor a sign-in asks for, and answers a challenge with the factor picked on `choose`.
 * Elements on the custom flow never fetch the chunk.
 */
import type { ReactiveController } from 'lit';
import type { FirstFactor } from '../auth-adapter.js';
import type { AuthFlow } from '../auth-config.js';
import type { AuthCall } from '../sign-in-flow.js';
import type { UserAuth } from '../steps/step-view.js';
import type { ElementHooks } from './element-hooks.js';
import type { PasskeyHost } from './passkey-list.js';

/** The element as this controller sees it. */
export interface UserAuthHost extends PasskeyHost {
  readonly authFlow: AuthFlow;
  readonly preferredChallenge?: FirstFactor | undefined;
}

export class UserAuthController implements ReactiveController {
  readonly #host: UserAuthHost;
  readonly #hooks: ElementHooks;
  #chunk?: UserAuth;
  #loading?: Promise<void>;

  constructor(host: UserAuthHost, hooks: ElementHooks) {
    this.#host = host;
    this.#hooks = hooks;
    host.addController(this);
  }

  /** The element's part of the chunk for the step map, once it has arrived. */
  get chunk(): UserAuth | undefined {
    return this.#chunk;
  }

  hostUpdate(): void {
    this.#loading ??=
      this.#host.authFlow === 'user-auth'
        ? import('../user-auth.js').then((chunk) => {
            this.#chunk = new chunk.UserAuth(this.#host);
            this.#host.requestUpdate();
          })
        : undefined;
  }

  /**
   * What a sign-in asks of `USER_AUTH`: a new code comes the way the last one did. A passkey is not asked for
   * here but picked from the offered factors, so that Amplify keeps the sign-in open for a code should the user
   * close the prompt. Nothing on the custom flow.
   */
  signInOptions(): { preferredChallenge?: FirstFactor } {
    const preferred = this.#hooks.flow().method ?? this.#host.preferredChallenge;
    return preferred && preferred !== 'WEB_AUTHN' ? { preferredChallenge: preferred } : {};
  }

  /**
   * Makes `call` once the chunk is there: Cognito's answers to a user-auth sign-in are read (and their steps
   * rendered) by the chunk, so a fast user's sign-in waits for it. On the custom flow the call goes at once.
   */
  whenLoaded<T>(call: () => Promise<T>): Promise<T> {
    return this.#loading?.then(call) ?? call();
  }

  /** Answers `choose` with the factor picked (`call` names it, for the status and the errors). */
  confirm(call: AuthCall, response: string): Promise<void> {
    const { adapter, preferredChallenge: preferred } = this.#host;
    return this.#hooks.calls.advance(call, () => adapter.confirmSignIn(response), { preferred });
  }
}
