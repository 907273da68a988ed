/**
 * Where the element reads the time and schedules its ticks (see the code timer in
 * `controllers/code-timer.ts`). Tests replace these two members to move time by hand; nothing else should.
 */
export const clock = {
  now: (): number => Date.now(),
  /** Calls `tick` every `ms` milliseconds until the returned function is called. */
  every(ms: number, tick: () => void): () => void {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
};
