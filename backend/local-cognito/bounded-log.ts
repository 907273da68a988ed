/** An append-only list that forgets its oldest entries beyond a limit, so a long-running dev server stays small. */
export interface BoundedLog<T> {
  add(entry: T): void;
  /** A copy of the entries, oldest first. */
  list(): T[];
  clear(): void;
}

/** Creates a {@link BoundedLog} keeping at most `limit` entries. */
export function createBoundedLog<T>(limit = 1000): BoundedLog<T> {
  let entries: T[] = [];
  return {
    add(entry) {
      entries.push(entry);
      if (entries.length > limit) entries = entries.slice(-limit);
    },
    list: () => [...entries],
    clear() {
      entries = [];
    },
  };
}
