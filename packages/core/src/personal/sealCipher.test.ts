import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { newPersonalDataKey } from "./memoryPersonalDataKeys.js";
import { openSealed, sealText } from "./sealCipher.js";
import { isSealed, parseSealed } from "./sealedText.js";

const open = (sealed: string, kind: string, key = KEY): string | undefined => {
  const parts = parseSealed(sealed);
  return parts === undefined ? undefined : openSealed(key, kind, parts);
};
const KEY = newPersonalDataKey();

describe("sealing a personal value", () => {
  it("stores `[personal data <keyId>.<iv>.<ciphertext>]`, naming the key and not the text", () => {
    const sealed = sealText(KEY, "evaluator", "Kari Nordmann");
    expect(sealed.startsWith(`[personal data ${KEY.keyId}.`)).toBe(true);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain("Kari");
    expect(open(sealed, "evaluator")).toBe("Kari Nordmann");
  });

  it("seals one subject's same text in one kind alike, and any other text, kind or key otherwise", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        expect(sealText(KEY, "notes", a)).toBe(sealText(KEY, "notes", a));
        expect(open(sealText(KEY, "notes", a), "notes")).toBe(a);
        if (a !== b) expect(sealText(KEY, "notes", a)).not.toBe(sealText(KEY, "notes", b));
        expect(sealText(KEY, "notes", a)).not.toBe(sealText(KEY, "evaluator", a));
      }),
    );
    expect(sealText(KEY, "evaluator", "Ola")).not.toBe(sealText(newPersonalDataKey(), "evaluator", "Ola"));
  });

  it("does not open under another kind, another key, or once altered", () => {
    const sealed = sealText(KEY, "evaluator", "Kari Nordmann");
    expect(open(sealed, "acceptedBy")).toBeUndefined();
    expect(open(sealed, "evaluator", { ...newPersonalDataKey(), keyId: KEY.keyId })).toBeUndefined();
    const parts = parseSealed(sealed);
    if (parts === undefined) throw new Error("not sealed");
    // The first character: all six of its bits are the ciphertext's (the last one's low bits may be padding).
    const flipped = `${parts.ciphertext.startsWith("A") ? "B" : "A"}${parts.ciphertext.slice(1)}`;
    expect(openSealed(KEY, "evaluator", { ...parts, ciphertext: flipped })).toBeUndefined();
  });

  it("takes plain text, even bracketed, for plain text", () => {
    for (const text of ["Difi fagpanel", "[personal data]", "[erased]", "[personal data abc.def.ghi]"]) expect(parseSealed(text)).toBeUndefined();
  });
});
