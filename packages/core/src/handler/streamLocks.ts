/**
 * In-process mutual exclusion per stream name. Commands to one stream in one process would
 * only collide on the expected revision and retry; queueing them here instead leaves optimistic
 * concurrency for writers in other processes, where it cannot be avoided.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` while holding every named lock; names are taken in sorted order, so no deadlock. */
  async withLocks<A>(names: readonly string[], work: () => Promise<A>): Promise<A> {
    // Most commands take one lock: no set, no sort, no copy for them.
    const sorted = names.length === 1 ? names : [...new Set(names)].sort();
    const releases: Array<() => void> = [];
    for (const name of sorted) {
      const previous = this.take(name, releases);
      // A free lock is taken at once, without waiting a turn of the microtask queue.
      if (previous !== undefined) await previous;
    }
    try {
      return await work();
    } finally {
      for (let index = releases.length - 1; index >= 0; index--) releases[index]?.();
    }
  }

  /**
   * Queues for `name` (synchronously, so callers queue in call order), pushes the release to
   * `releases`, and returns what to wait for before holding it: `undefined` when it is free.
   */
  private take(name: string, releases: Array<() => void>): Promise<void> | undefined {
    const previous = this.tails.get(name);
    let release: () => void = () => undefined;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous === undefined ? current : previous.then(() => current);
    this.tails.set(name, tail);
    releases.push(() => {
      release();
      // Forget an idle stream, so the map does not grow with every stream ever touched.
      if (this.tails.get(name) === tail) this.tails.delete(name);
    });
    return previous;
  }
}
