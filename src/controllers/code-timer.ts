/**
 * The countdowns of the challenge step: how long until a new code may be requested, and whether the code has
 * expired. The times are pure functions of the state (which carries when the code was sent); the controller
 * reads the clock and, while a countdown runs, asks the element to render once a second.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FlowState } from '../sign-in-flow.js';
import { clock } from '../ticker.js';

/** Whole seconds until a new code may be requested at `now`; 0 once it may, or once the code expired. */
export function cooldownLeft(state: FlowState, now: number, cooldownSeconds: number): number {
  if (state.step !== 'challenge' || state.error?.name === 'CodeExpired') return 0;
  return Math.max(0, Math.ceil(((state.sentAt ?? 0) + cooldownSeconds * 1000 - now) / 1000));
}

/** Whether the code of the challenge step has outlived its `lifetimeSeconds` at `now`. */
export function codeOutlived(state: FlowState, now: number, lifetimeSeconds: number): boolean {
  return state.step === 'challenge' && now >= (state.sentAt ?? 0) + lifetimeSeconds * 1000;
}

/** `value` when it is a usable number of seconds, else `fallback`. */
const seconds = (value: number, fallback: number): number => (Number.isFinite(value) && value >= 0 ? value : fallback);

/** What the timer reads from its element: the two attributes, and the state. */
export interface CodeTimerHost extends ReactiveControllerHost {
  readonly resendCooldown: number;
  readonly codeLifetime: number;
}

export class CodeTimer implements ReactiveController {
  readonly #host: CodeTimerHost;
  readonly #flow: () => FlowState;
  #stop?: () => void;

  constructor(host: CodeTimerHost, flow: () => FlowState) {
    this.#host = host;
    this.#flow = flow;
    host.addController(this);
  }

  /** Seconds a code stays valid (the pool's session lifetime). */
  get lifetime(): number {
    return seconds(this.#host.codeLifetime, 180);
  }

  /** Whole seconds until a new code may be requested; 0 once it may. */
  get cooldown(): number {
    return cooldownLeft(this.#flow(), clock.now(), seconds(this.#host.resendCooldown, 30));
  }

  /** The countdowns as the challenge step shows them. */
  times(): { cooldown: number; lifetime: number } {
    return { cooldown: this.cooldown, lifetime: this.lifetime };
  }

  /** The code has outlived its lifetime by now. */
  get outlived(): boolean {
    return codeOutlived(this.#flow(), clock.now(), this.lifetime);
  }

  hostConnected(): void {
    // Back on the page: the next render decides whether a countdown is still running.
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    const { step, error } = this.#flow();
    // A render every second while a countdown runs, so it moves on.
    if (step === 'challenge' && error?.name !== 'CodeExpired')
      this.#stop ??= clock.every(1000, () => this.#host.requestUpdate());
    else this.hostDisconnected();
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = undefined;
  }
}
