import type { NotificationListener, SqlDriver } from "./sqlDriver.js";

/** How long to leave a failed LISTEN connection alone before trying again; polling covers the gap. */
const RELISTEN_AFTER_MS = 1_000;

/**
 * The store's one LISTEN on its append channel, shared by all its subscriptions, which it wakes.
 *
 * A notification only says "look again": subscriptions also poll on a short timer, so a lost
 * notification, or a LISTEN connection that is down, delays them by at most that interval and
 * never stalls them. The counter closes the race between a subscription reading and starting to
 * wait: if it changed meanwhile, the subscription reads again instead of waiting.
 */
export class AppendNotifications {
  #generation = 0;
  readonly #waiters = new Set<() => void>();
  #listener: NotificationListener | undefined;
  #starting: Promise<void> | undefined;
  #retryAt = 0;
  #closed = false;

  constructor(
    private readonly driver: SqlDriver,
    private readonly channel: string,
  ) {}

  /** Bumped by every notification and every (re)connection of the listener. */
  get generation(): number {
    return this.#generation;
  }

  /** Starts listening if not already, or if the listener was lost long enough ago. Never rejects. */
  ensureListening(): Promise<void> {
    if (this.#closed || this.#listener !== undefined || Date.now() < this.#retryAt) return Promise.resolve();
    this.#starting ??= this.#start().finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  /** Calls `wake` once at the next notification; returns how to stop waiting for it. */
  onNext(wake: () => void): () => void {
    this.#waiters.add(wake);
    return () => this.#waiters.delete(wake);
  }

  /** Stops listening; later calls to {@link ensureListening} do nothing. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#starting;
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.close();
  }

  async #start(): Promise<void> {
    try {
      // The connection may be lost before listen() has even answered.
      const started: { listener?: NotificationListener; lostEarly: boolean } = { lostEarly: false };
      const listener = await this.driver.listen(
        this.channel,
        () => this.#wakeAll(),
        () => {
          if (started.listener === undefined) started.lostEarly = true;
          else this.#lost(started.listener);
        },
      );
      started.listener = listener;
      if (this.#closed || started.lostEarly) {
        await listener.close();
        if (started.lostEarly) this.#retryAt = Date.now() + RELISTEN_AFTER_MS;
        return;
      }
      this.#listener = listener;
      // Anything appended while no one was listening was not announced: have everyone look.
      this.#wakeAll();
    } catch {
      this.#retryAt = Date.now() + RELISTEN_AFTER_MS;
    }
  }

  #lost(listener: NotificationListener): void {
    if (this.#listener !== listener) return;
    this.#listener = undefined;
    this.#retryAt = Date.now() + RELISTEN_AFTER_MS;
  }

  #wakeAll(): void {
    this.#generation++;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }
}
