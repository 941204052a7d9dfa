import { describe, expect, it } from "vitest";
import { StreamLocks } from "./streamLocks.js";

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe("StreamLocks", () => {
  it("runs work on one stream one at a time, in the order it was asked for", async () => {
    const locks = new StreamLocks();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([locks.withLocks(["s"], job("a")), locks.withLocks(["s"], job("b")), locks.withLocks(["s", "t"], job("c"))]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("lets work on other streams run alongside, and releases a lock when work throws", async () => {
    const locks = new StreamLocks();
    const log: string[] = [];
    const slow = locks.withLocks(["s"], async () => {
      await tick();
      log.push("s");
      throw new Error("refused");
    });
    const other = locks.withLocks(["t"], async () => {
      log.push("t");
    });
    await expect(slow).rejects.toThrow("refused");
    await other;
    expect(log).toEqual(["t", "s"]);
    await expect(locks.withLocks(["s", "s"], async () => "again")).resolves.toBe("again");
  });
});
