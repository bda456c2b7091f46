/**
 * The running configuration, held in one place: parts read `current()` and subscribe to be told
 * of a new one (as Alertmanager's coordinator does), so a reload is "validate, then apply".
 */

/** A configuration every part reads, and the list of parts to tell when it changes. */
export class ConfigHolder<T> {
  private readonly subscribers: { readonly name: string; readonly apply: (next: T, prev: T) => void }[] = [];

  constructor(private value: T) {}

  /** The configuration in force. */
  current(): T {
    return this.value;
  }

  /** Tells `apply` of every later configuration, in subscription order. Returns an unsubscribe function. */
  subscribe(name: string, apply: (next: T, prev: T) => void): () => void {
    const entry = { name, apply };
    this.subscribers.push(entry);
    return () => {
      const i = this.subscribers.indexOf(entry);
      if (i >= 0) this.subscribers.splice(i, 1);
    };
  }

  /**
   * Puts a validated configuration in force and tells every subscriber. One subscriber failing is
   * reported and does not keep the others from applying it; returns the names of those that failed.
   */
  apply(next: T, onError: (name: string, err: unknown) => void): string[] {
    const prev = this.value;
    this.value = next;
    const failed: string[] = [];
    for (const s of [...this.subscribers]) {
      try {
        s.apply(next, prev);
      } catch (err) {
        failed.push(s.name);
        onError(s.name, err);
      }
    }
    return failed;
  }
}
