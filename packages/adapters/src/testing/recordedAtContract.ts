import { describe, expect, it } from "vitest";
import { isRecordedTime } from "@grantledger/core";
import type { EventToAppend } from "@grantledger/core";
import type { ResolvedCapabilities } from "./contractCapabilities.js";
import { append, fail, newEvent, readForwards, uniqueStreamName, type GetStore } from "./contractFixtures.js";

const at = (recordedAt: string, event: EventToAppend = newEvent()): EventToAppend => ({ ...event, recordedAt });

/**
 * A recorded time given with an append (`EventToAppend.recordedAt`, for importing a history):
 * kept as given by a store that can, refused whole by one that cannot; never silently replaced.
 */
export const recordedAtContract = (getStore: GetStore, capabilities: Pick<ResolvedCapabilities, "keepsRecordedAt">): void => {
  describe("recordedAt given by an import", () => {
    it.each([
      ["without milliseconds", "2009-06-01T00:00:00Z"],
      ["with an offset", "2009-06-01T02:00:00.000+02:00"],
      ["with microseconds", "2009-06-01T00:00:00.000001Z"],
      ["on a day that does not exist", "2009-02-30T00:00:00.000Z"],
      ["in year 0", "0000-01-01T00:00:00.000Z"],
      ["that is empty", ""],
    ])("refuses a time %s, the form a store would not read back, and writes nothing", async (_label, recordedAt) => {
      const store = getStore();
      const streamName = uniqueStreamName("recorded-at-form");
      const error = await fail(store.appendToStream(streamName, [newEvent(), at(recordedAt)]));
      expect(error).toMatchObject({ _tag: "InvalidAppend", streamName, reason: expect.stringContaining("events[1].recordedAt") });
      expect(await fail(store.readStream(streamName))).toMatchObject({ _tag: "StreamNotFound" });
    });

    if (capabilities.keepsRecordedAt) {
      it("keeps each given time to the millisecond, and stamps the events that bring none", async () => {
        const store = getStore();
        const streamName = uniqueStreamName("recorded-at-kept");
        const times = ["2009-06-01T00:00:00.000Z", "2010-12-31T23:59:59.999Z"];
        await append(store, streamName, [at(times[0] ?? ""), at(times[1] ?? ""), newEvent()], "no_stream");
        const recorded = await readForwards(store, streamName);
        expect(recorded.slice(0, 2).map((event) => event.recordedAt)).toEqual(times);
        expect(isRecordedTime(recorded[2]?.recordedAt)).toBe(true);
      });

      it("keeps the time first recorded when the same events are appended again with another", async () => {
        const store = getStore();
        const streamName = uniqueStreamName("recorded-at-replayed");
        const event = at("2009-06-01T00:00:00.000Z");
        const first = await append(store, streamName, [event], "no_stream");
        expect(await append(store, streamName, [at("2011-01-01T00:00:00.000Z", event)], "no_stream")).toEqual(first);
        expect((await readForwards(store, streamName)).map((recorded) => recorded.recordedAt)).toEqual(["2009-06-01T00:00:00.000Z"]);
      });
    } else {
      it("refuses a time it cannot keep, rather than drop it, and writes nothing", async () => {
        const store = getStore();
        const streamName = uniqueStreamName("recorded-at-refused");
        const error = await fail(store.appendToStream(streamName, [newEvent(), at("2009-06-01T00:00:00.000Z")]));
        expect(error).toMatchObject({ _tag: "InvalidAppend", streamName, reason: expect.stringContaining("events[1].recordedAt cannot be kept") });
        expect(await fail(store.readStream(streamName))).toMatchObject({ _tag: "StreamNotFound" });
      });
    }
  });
};
