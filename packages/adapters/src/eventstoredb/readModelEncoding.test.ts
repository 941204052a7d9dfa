import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { decodeReadModel, encodeReadModel } from "./readModelEncoding.js";

describe("a read model as an EventStoreDB event", () => {
  it("round-trips version, checkpoint and a structured-cloneable state (Maps, bigints, undefined)", () => {
    const model = { version: 3, checkpoint: 41n, state: { rows: new Map([["1201", { awarded: 5n, note: undefined }]]), nothing: null } };
    const encoded = encodeReadModel(model);
    if (E.isLeft(encoded)) throw new Error(encoded.left);
    expect(encoded.right.metadata).toEqual({ version: 3, checkpoint: "41", encoding: "v8-structured-clone" });
    expect(decodeReadModel(encoded.right.data, encoded.right.metadata)).toEqual(E.right(model));
  });

  it("keeps a missing checkpoint missing", () => {
    const encoded = encodeReadModel({ version: 1, checkpoint: undefined, state: 0 });
    if (E.isLeft(encoded)) throw new Error(encoded.left);
    expect(encoded.right.metadata["checkpoint"]).toBeNull();
    expect(decodeReadModel(encoded.right.data, encoded.right.metadata)).toEqual(E.right({ version: 1, checkpoint: undefined, state: 0 }));
  });

  it("refuses a state that cannot be cloned", () => {
    expect(encodeReadModel({ version: 1, checkpoint: 1n, state: { f: () => 1 } })).toMatchObject(E.left(expect.stringContaining("the state cannot be saved")));
  });

  const data = (() => {
    const encoded = encodeReadModel({ version: 1, checkpoint: 1n, state: "s" });
    if (E.isLeft(encoded)) throw new Error(encoded.left);
    return encoded.right.data;
  })();

  it.each<[string, unknown, unknown, string]>([
    ["JSON data", { state: "s" }, { version: 1, checkpoint: "1", encoding: "v8-structured-clone" }, "the saved event's data is not binary"],
    ["no metadata", data, undefined, "the saved event has no metadata"],
    ["another encoding", data, { version: 1, checkpoint: "1", encoding: "json" }, "the saved event is encoded as json, not v8-structured-clone"],
    ["a fractional version", data, { version: 1.5, checkpoint: "1", encoding: "v8-structured-clone" }, "the saved event's version is not an integer"],
    ["a checkpoint that is not a number", data, { version: 1, checkpoint: "12x", encoding: "v8-structured-clone" }, "the saved event's checkpoint is not an integer"],
    ["bytes V8 cannot read", new Uint8Array([0xff, 0x0f, 0x77]), { version: 1, checkpoint: null, encoding: "v8-structured-clone" }, "the saved state cannot be read"],
  ])("refuses a saved event with %s", (_label, savedData, metadata, reason) => {
    expect(decodeReadModel(savedData, metadata)).toMatchObject(E.left(expect.stringContaining(reason)));
  });
});
