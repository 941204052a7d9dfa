/**
 * Runs tasks one at a time, in the order given. The runner passes every change of its state
 * (a catch-up page, a live batch, a rebuild's reset) through one queue, so a batch is applied
 * and saved whole before anything else looks at the checkpoint.
 */
export interface SerialQueue {
  run<A>(task: () => Promise<A>): Promise<A>;
}

/** An empty queue. */
export const createSerialQueue = (): SerialQueue => {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run: <A>(task: () => Promise<A>): Promise<A> => {
      const result = tail.then(task);
      // A failed task must not stop the ones queued after it; its caller sees the failure.
      tail = result.catch(() => undefined);
      return result;
    },
  };
};
