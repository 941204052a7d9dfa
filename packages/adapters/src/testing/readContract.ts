import { describe, expect, it } from "vitest";
import type { JsonObject, ReadStreamOptions } from "@grantledger/core";
import { v4 } from "uuid";
import { append, fail, newEvent, newEvents, readForwards, succeed, uniqueStreamName } from "./contractFixtures.js";
import type { GetStore } from "./contractFixtures.js";

/** Registers the tests of reading one stream and of what a recorded event holds. */
export const readContract = (getStore: GetStore): void => {
  describe("reading a stream", () => {
    const windows: readonly [ReadStreamOptions, readonly bigint[]][] = [
      [{}, [0n, 1n, 2n, 3n, 4n]],
      [{ fromRevision: 2n }, [2n, 3n, 4n]],
      [{ fromRevision: 1n, maxCount: 2 }, [1n, 2n]],
      [{ maxCount: 3 }, [0n, 1n, 2n]],
      [{ fromRevision: 5n }, []],
      [{ direction: "backwards" }, [4n, 3n, 2n, 1n, 0n]],
      [{ direction: "backwards", maxCount: 1 }, [4n]],
      [{ direction: "backwards", fromRevision: 3n, maxCount: 2 }, [3n, 2n]],
      [{ direction: "backwards", fromRevision: 0n }, [0n]],
    ];

    it.each(windows)("with %o returns revisions %o", async (options, revisions) => {
      const store = getStore();
      const stream = uniqueStreamName("read");
      const batch = newEvents(5);
      await append(store, stream, batch.slice(0, 2));
      await append(store, stream, batch.slice(2));
      const events = await succeed(store.readStream(stream, options));
      expect(events.map((event) => event.revision)).toEqual(revisions);
      expect(events.map((event) => event.id)).toEqual(revisions.map((revision) => batch[Number(revision)]?.id));
    });

    it("that has no events is StreamNotFound", async () => {
      const stream = uniqueStreamName("missing");
      expect(await fail(getStore().readStream(stream))).toEqual({ _tag: "StreamNotFound", streamName: stream });
      expect(await fail(getStore().readStream(stream, { direction: "backwards" }))).toEqual({
        _tag: "StreamNotFound",
        streamName: stream,
      });
    });
  });

  describe("a recorded event", () => {
    it("gives back data and metadata exactly: nested objects, arrays, unicode, numbers", async () => {
      const store = getStore();
      const stream = uniqueStreamName("roundtrip");
      const event = newEvent(richData(), "GrantAwarded.v1", {
        correlationId: v4(),
        causationId: null,
        actor: { name: "Åse Ødegård", roles: ["saksbehandler", "attestant"] },
      });
      await append(store, stream, [event]);
      const [recorded] = await readForwards(store, stream);
      expect(recorded?.id).toBe(event.id);
      expect(recorded?.type).toBe("GrantAwarded.v1");
      expect(recorded?.data).toEqual(event.data);
      expect(recorded?.metadata).toEqual(event.metadata);
      expect(recorded?.streamName).toBe(stream);
    });

    it("carries bigint revisions and positions, and an ISO-8601 recording time", async () => {
      const store = getStore();
      const stream = uniqueStreamName("types");
      const result = await append(store, stream, newEvents(2));
      expect(typeof result.nextExpectedRevision).toBe("bigint");
      expect(typeof result.position).toBe("bigint");
      for (const event of await readForwards(store, stream)) {
        expect(typeof event.revision).toBe("bigint");
        expect(typeof event.position).toBe("bigint");
        expect(event.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/);
        expect(Number.isNaN(Date.parse(event.recordedAt))).toBe(false);
      }
      const backwards = await succeed(store.readStream(stream, { direction: "backwards" }));
      expect(typeof backwards[0]?.revision).toBe("bigint");
    });

    it("reads the same from its stream and from all streams", async () => {
      const store = getStore();
      const stream = uniqueStreamName("same");
      const { position } = await append(store, stream, [newEvent({ n: 1 })]);
      const [fromStream] = await readForwards(store, stream);
      const [fromAll] = await succeed(store.readAll({ after: position - 1n, maxCount: 1 }));
      expect(fromAll).toEqual(fromStream);
    });
  });
};

/** Data that a careless serialisation would change: deep nesting, unicode, awkward numbers. */
const richData = (): JsonObject => ({
  title: "Tilskudd til «Ålesund næringsforum» — 12 500 kr ✓ 🌱 中文 e\u0301 \u2028 \"quoted\" \\ back",
  nested: { level1: { level2: { level3: { list: [1, "two", null, true, false, { three: [3] }] } } } },
  empty: { object: {}, array: [], string: "" },
  numbers: {
    zero: 0,
    negative: -42,
    fraction: 0.1,
    small: 1.5e-7,
    large: 1e21,
    maxSafe: Number.MAX_SAFE_INTEGER,
    minSafe: Number.MIN_SAFE_INTEGER,
    precise: 123456.789,
  },
  "key with spaces, ünïcode and dots.too": "value",
  nothing: null,
  flags: [true, false],
});
