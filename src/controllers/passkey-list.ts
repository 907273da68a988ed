/**
 * The signed-in user's passkeys, for the signed-in view of `auth-flow="user-auth"` elements: loads the list when
 * a user is shown signed in (where the browser has WebAuthn), adds and deletes passkeys, and keeps what failed so
 * it can be tried again. Each action then reads the list afresh, so the view shows what Cognito holds. An action
 * still running when the user signs out is dropped, as the element drops stale sign-in answers.
 */
import type { ReactiveController, ReactiveElement } from 'lit';
import type { AuthAdapter, Passkey, PasskeyAdapter } from '../auth-adapter.js';
import { emit } from '../events.js';
import type { AuthStep } from '../sign-in-flow.js';
import type { UserAuthKey } from '../strings/user-auth.js';

/** What the controller reads from its element. */
export interface PasskeyHost extends ReactiveElement {
  readonly adapter: AuthAdapter;
  readonly step: AuthStep;
}

/** `idle` until a user is signed in; `ready` once the list is shown; the others while a call is out. */
export type PasskeyStatus = 'idle' | 'loading' | 'adding' | 'deleting' | 'ready';

/** A registration the user or the browser stopped: nothing went wrong, the user may try again. */
const REGISTRATION_CANCELLED = /^(PasskeyRegistrationCanceled|PasskeyOperationAborted|NotAllowedError|AbortError)$/;

/** The authenticator already holds a passkey of this user (WebAuthn's `excludeCredentials`). */
const ALREADY_REGISTERED = /^(PasskeyAlreadyExists|InvalidStateError)$/;

/** The text for a failed registration. */
export function addFailure(name: string): UserAuthKey {
  if (REGISTRATION_CANCELLED.test(name)) return 'PasskeyAddCanceled';
  return ALREADY_REGISTERED.test(name) ? 'PasskeyAlreadyExists' : 'PasskeyAddFailed';
}

/** Whether this browser can create and use passkeys at all. */
export const browserHasPasskeys = (): boolean => typeof globalThis.PublicKeyCredential === 'function';

export class PasskeyList implements ReactiveController {
  status: PasskeyStatus = 'idle';
  passkeys: readonly Passkey[] = [];
  /** The last action's failure, by the text that explains it. */
  error?: UserAuthKey | undefined;
  /** The last action's success, announced in the section's status line. */
  done?: UserAuthKey | undefined;

  readonly #host: PasskeyHost;
  /** Counts actions, and sign-outs: a result of an older one is dropped. */
  #runs = 0;
  #retry?: () => Promise<void>;

  constructor(host: PasskeyHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Whether the signed-in view offers passkeys: a browser with WebAuthn and an adapter that manages them. */
  get supported(): boolean {
    return browserHasPasskeys() && !!this.#host.adapter.passkeys;
  }

  get busy(): boolean {
    return this.status !== 'idle' && this.status !== 'ready';
  }

  /** Runs the browser's passkey registration for the signed-in user, then shows the list with the new one. */
  readonly add = (): Promise<void> => this.#act('adding', (passkeys) => passkeys.add(), addFailure, 'passkeyAdded');

  readonly delete = (credentialId: string): Promise<void> =>
    this.#act(
      'deleting',
      (passkeys) => passkeys.delete(credentialId),
      () => 'PasskeyDeleteFailed',
      'passkeyDeleted',
    );

  /** Runs the action that failed last, again. */
  readonly retry = (): void => void this.#retry?.();

  // Before the render, so that the list starts loading (and a sign-out empties it) in the same update.
  hostUpdate(): void {
    const signedIn = this.#host.step === 'signed-in';
    if (signedIn && this.status === 'idle' && this.supported) void this.#act('loading');
    else if (!signedIn && this.status !== 'idle') {
      this.#runs++;
      this.status = 'idle';
      this.passkeys = [];
      this.error = this.done = this.#retry = undefined;
    }
  }

  /** One action: `change` (none for a plain load), then the list as it now stands. */
  async #act(
    status: PasskeyStatus,
    change?: (passkeys: PasskeyAdapter) => Promise<void>,
    failure: (name: string) => UserAuthKey = () => 'PasskeyListFailed',
    done?: UserAuthKey,
  ): Promise<void> {
    const run = ++this.#runs;
    this.status = status;
    this.error = this.done = undefined;
    this.#host.requestUpdate();
    let step: 'change' | 'list' = 'change';
    try {
      const passkeys = await this.#host.adapter.passkeys!();
      await change?.(passkeys);
      step = 'list';
      const list = await passkeys.list();
      if (run !== this.#runs) return;
      [this.passkeys, this.done, this.status] = [list, done, 'ready'];
    } catch (error) {
      if (run !== this.#runs) return;
      const { name = 'UnknownError', message } = (error ?? {}) as { name?: string; message?: string };
      // A change that went through is not tried again: only the list that failed to load after it.
      const listFailed = step === 'list';
      this.error = listFailed ? 'PasskeyListFailed' : failure(name);
      this.#retry = listFailed ? () => this.#act('loading') : () => this.#act(status, change, failure, done);
      this.status = 'ready';
      emit(this.#host, 'auth-error', { step: 'signed-in', name, message: message || name });
    }
    this.#host.requestUpdate();
  }
}
