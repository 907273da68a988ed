/**
 * Time for the challenge step's countdowns: one controller per element that asks for a render once a second
 * while a countdown runs, and stops when told to or when the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Where the element reads the time and schedules its ticks. Tests replace these two members to move time by
 * hand; nothing else should.
 */
export const clock = {
  now: (): number => Date.now(),
  /** Calls `tick` every `ms` milliseconds until the returned function is called. */
  every(ms: number, tick: () => void): () => void {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
};

export class Ticker implements ReactiveController {
  #stop?: () => void;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Ticks while `running` is true: a render every second, so countdowns move on. */
  run(running: boolean): void {
    if (!running) {
      this.#stop?.();
      this.#stop = undefined;
    } else {
      this.#stop ??= clock.every(1000, () => this.host.requestUpdate());
    }
  }

  hostConnected(): void {
    // Back on the page: the next render decides whether a countdown is still running.
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.run(false);
  }
}
