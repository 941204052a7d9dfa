/**
 * In-process mutual exclusion per stream name. Commands to one stream in one process would
 * only collide on the expected revision and retry; queueing them here instead leaves optimistic
 * concurrency for writers in other processes, where it cannot be avoided.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `work` while holding every named lock; names are taken in sorted order, so no deadlock. */
  async withLocks<A>(names: readonly string[], work: () => Promise<A>): Promise<A> {
    const sorted = [...new Set(names)].sort();
    const releases: Array<() => void> = [];
    for (const name of sorted) releases.push(await this.acquire(name));
    try {
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  private async acquire(name: string): Promise<() => void> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.tails.set(name, tail);
    await previous;
    return () => {
      release();
      // Forget an idle stream, so the map does not grow with every stream ever touched.
      if (this.tails.get(name) === tail) this.tails.delete(name);
    };
  }
}
