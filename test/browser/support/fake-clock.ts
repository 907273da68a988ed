/**
 * Moves the element's time by hand: replaces the two members of its `clock` (what time it is, and the ticks
 * of its countdown) until {@link FakeClock.uninstall}. Lit's own scheduling and the test helpers' timers keep
 * running on real time.
 */
import { clock } from '../../../src/ticker.js';

export class FakeClock {
  /** The time the element reads, in epoch milliseconds. */
  now = Date.UTC(2026, 10, 26, 12);

  private readonly ticks = new Set<() => void>();
  private readonly real = { ...clock };

  constructor() {
    clock.now = () => this.now;
    clock.every = (_ms, tick) => {
      this.ticks.add(tick);
      return () => this.ticks.delete(tick);
    };
  }

  /** Puts the real clock back. */
  uninstall(): void {
    Object.assign(clock, this.real);
  }

  /** Lets `seconds` pass, one tick per second, as the element's one-second ticker would see them. */
  advance(seconds: number): void {
    for (let second = 0; second < seconds; second++) {
      this.now += 1000;
      for (const tick of [...this.ticks]) tick();
    }
  }

  /** How many tickers are running (the element runs at most one). */
  get running(): number {
    return this.ticks.size;
  }
}
