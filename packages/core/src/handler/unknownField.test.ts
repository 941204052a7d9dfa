import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { unknownField } from "./unknownField.js";

const Line = t.intersection([t.type({ due: t.string }), t.partial({ note: t.string })]);
const Command = t.union([
  t.type({ type: t.literal("Pay"), data: t.type({ lines: t.array(Line), ref: t.readonly(t.type({ id: t.string })) }) }),
  t.type({ type: t.literal("Note"), data: t.type({ text: t.string }) }),
]);

describe("unknownField", () => {
  const pay = { type: "Pay", data: { lines: [{ due: "2009-09-01" }, { due: "2010-09-01", note: "rest" }], ref: { id: "r" } } };

  it("finds nothing in a value of only known fields (optional ones included)", () => {
    expect(unknownField(Command, pay)).toBeUndefined();
    expect(unknownField(Command, { type: "Note", data: { text: "x" } })).toBeUndefined();
  });

  it("names the path of an unknown field at the top, in a nested object, in an array item and behind readonly", () => {
    expect(unknownField(Command, { ...pay, extra: 1 })).toBe("extra");
    expect(unknownField(Command, { ...pay, data: { ...pay.data, more: true } })).toBe("data.more");
    expect(unknownField(Command, { ...pay, data: { ...pay.data, lines: [{ due: "d" }, { due: "d", amount: 5 }] } })).toBe("data.lines.1.amount");
    expect(unknownField(Command, { ...pay, data: { ...pay.data, ref: { id: "r", secret: "s" } } })).toBe("data.ref.secret");
  });

  it("refuses fields named like Object.prototype's (constructor, toString, __proto__ from JSON)", () => {
    expect(unknownField(Command, { ...pay, data: { ...pay.data, constructor: "x" } })).toBe("data.constructor");
    expect(unknownField(Command, { ...pay, toString: "x" })).toBe("toString");
    expect(unknownField(Command, JSON.parse('{"type":"Note","data":{"text":"x","__proto__":{"a":1}}}'))).toBe("data.__proto__");
  });

  it("checks a union's value against the member that accepts it", () => {
    expect(unknownField(Command, { type: "Note", data: { text: "x", lines: [] } })).toBe("data.lines");
  });
});
