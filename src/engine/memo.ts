// Caches owned by one evaluation (or one object within it), handed to rules on their context. They
// replace module-level "remember the last answer" variables, which kept the previous scan's objects
// alive and broke when two evaluations ran in one process (a server judging requests concurrently).

/** A typed cache key; create one per cached thing, at module level (keys hold no data). */
export interface MemoKey<T> {
  readonly name: string;
  /** Never set: carries the value type. */
  readonly valueType?: T;
}

export function memoKey<T>(name: string): MemoKey<T> {
  return Object.freeze({ name });
}

export class Memo {
  readonly #values = new Map<MemoKey<unknown>, unknown>();

  /** The cached value for `key`, computed on first use. */
  get<T>(key: MemoKey<T>, compute: () => T): T {
    if (this.#values.has(key)) return this.#values.get(key) as T;
    const value = compute();
    this.#values.set(key, value);
    return value;
  }

  clear(): void {
    this.#values.clear();
  }
}
