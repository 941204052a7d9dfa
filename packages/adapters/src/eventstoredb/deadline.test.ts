import { describe, expect, it, vi } from "vitest";
import { checkDeadline, DeadlineElapsed, withDeadline } from "./deadline.js";

describe("the adapter's own deadline", () => {
  it("lets work that finishes in time through, and clears its timer", async () => {
    vi.useFakeTimers();
    try {
      const onElapsed = vi.fn();
      await expect(withDeadline("readAll", 100, Promise.resolve(7), onElapsed)).resolves.toBe(7);
      expect(vi.getTimerCount()).toBe(0);
      expect(onElapsed).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it("passes a failure of the work through unchanged", async () => {
    const failure = new Error("refused");
    await expect(withDeadline("readAll", 100, Promise.reject(failure))).rejects.toBe(failure);
  });

  it("rejects with DeadlineElapsed when the work never settles, cancelling it first", async () => {
    vi.useFakeTimers();
    try {
      const onElapsed = vi.fn();
      const raced = withDeadline("appendToStream", 500, new Promise<never>(() => undefined), onElapsed);
      const outcome = raced.catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(500);
      const error = await outcome;
      expect(error).toBeInstanceOf(DeadlineElapsed);
      expect(error).toMatchObject({ operation: "appendToStream", deadlineMs: 500, message: "deadline of 500 ms exceeded" });
      expect(onElapsed).toHaveBeenCalledOnce();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s ms as a deadline", (deadlineMs) => {
    expect(() => checkDeadline(deadlineMs)).toThrow(RangeError);
  });

  it("accepts a positive number of milliseconds", () => {
    expect(checkDeadline(250)).toBe(250);
  });
});
