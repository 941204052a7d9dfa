import { createHash } from "node:crypto";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EMPTY_ROOT,
  MerkleFrontier,
  consistencyProof,
  hashChildren,
  hashLeaf,
  inclusionProof,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from "./merkleLog.js";

// An independent reading of RFC 9162 §2.1, written as the RFC defines it (over the leaf bytes,
// with array slices), to hold the module to: it shares no code with it.

const sha256 = (...parts: readonly Uint8Array[]): Buffer => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const largestPowerOfTwoBelow = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1);

/** MTH(D[n]) of §2.1.1. */
const naiveMth = (leaves: readonly Uint8Array[]): Buffer => {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return sha256(Uint8Array.of(0), leaves[0] as Uint8Array);
  const k = largestPowerOfTwoBelow(leaves.length);
  return sha256(Uint8Array.of(1), naiveMth(leaves.slice(0, k)), naiveMth(leaves.slice(k)));
};

/** PATH(m, D[n]) of §2.1.3.1. */
const naivePath = (m: number, leaves: readonly Uint8Array[]): Buffer[] => {
  if (leaves.length === 1) return [];
  const k = largestPowerOfTwoBelow(leaves.length);
  return m < k
    ? [...naivePath(m, leaves.slice(0, k)), naiveMth(leaves.slice(k))]
    : [...naivePath(m - k, leaves.slice(k)), naiveMth(leaves.slice(0, k))];
};

/** SUBPROOF(m, D[n], b) of §2.1.4.1. */
const naiveSubproof = (m: number, leaves: readonly Uint8Array[], b: boolean): Buffer[] => {
  if (m === leaves.length) return b ? [] : [naiveMth(leaves)];
  const k = largestPowerOfTwoBelow(leaves.length);
  return m <= k
    ? [...naiveSubproof(m, leaves.slice(0, k), b), naiveMth(leaves.slice(k))]
    : [...naiveSubproof(m - k, leaves.slice(k), false), naiveMth(leaves.slice(0, k))];
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const hexes = (list: readonly Uint8Array[]): string[] => list.map(hex);
const unhex = (text: string): Buffer => Buffer.from(text, "hex");

/** A copy with one bit of byte `at` flipped. */
const flip = (bytes: Uint8Array, at = 0): Buffer => {
  const copy = Buffer.from(bytes);
  copy[at % copy.length] = (copy[at % copy.length] as number) ^ 0x10;
  return copy;
};

const popcount = (n: number): number => n.toString(2).split("").filter((bit) => bit === "1").length;

/**
 * 1…maxLength leaves of random bytes, made distinct by a 4-byte index prefix: with two equal
 * leaves a proof for one would, rightly, also prove the other, which the "another index" checks
 * exclude. The count is drawn uniformly (fast-check's default sizes keep arrays short).
 */
const distinctLeaves = (maxLength: number) =>
  fc.integer({ min: 1, max: maxLength }).chain((n) => fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: n, maxLength: n })).map((datas) =>
    datas.map((data, i) => {
      const leaf = Buffer.alloc(4 + data.length);
      leaf.writeUInt32BE(i, 0);
      leaf.set(data, 4);
      return leaf;
    }),
  );

// The tree of transparency-dev/merkle (testonly/constants.go, proof/verify_test.go), the test
// data of the RFC 6962 reference implementations.
const vectorLeaves = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(unhex);
const vectorRoots = [
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
// Node hashes by level, then by position in the level.
const vectorNodes = [
  [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
  ],
  [
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
  ],
  ["d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
  ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
];
const node = (level: number, index: number): string => vectorNodes[level]?.[index] ?? "";
// The compact ranges ("CompactTrees") of each size 0…8.
const vectorFrontiers = [
  [],
  [node(0, 0)],
  [node(1, 0)],
  [node(1, 0), node(0, 2)],
  [node(2, 0)],
  [node(2, 0), node(0, 4)],
  [node(2, 0), node(1, 2)],
  [node(2, 0), node(1, 2), node(0, 6)],
  [node(3, 0)],
];
// Zero-based leaf index (the Go vectors count from 1), tree size, proof.
const vectorInclusions: readonly [number, number, readonly string[]][] = [
  [0, 1, []],
  [0, 8, [node(0, 1), node(1, 1), node(2, 1)]],
  [5, 8, [node(0, 4), node(1, 3), node(2, 0)]],
  [2, 3, [node(1, 0)]],
  [1, 5, [node(0, 0), node(1, 1), node(0, 4)]],
];
const vectorConsistencies: readonly [number, number, readonly string[]][] = [
  [1, 1, []],
  [1, 8, [node(0, 1), node(1, 1), node(2, 1)]],
  [6, 8, [node(1, 2), node(1, 3), node(2, 0)]],
  [2, 5, [node(1, 1), node(0, 4)]],
  [6, 7, [node(1, 2), node(0, 6), node(2, 0)]],
];

describe("hashLeaf, hashChildren, EMPTY_ROOT", () => {
  it("prefix the leaf with 0x00 and the children with 0x01", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (leaf, left, right) => {
        expect(hex(hashLeaf(leaf))).toBe(hex(sha256(Uint8Array.of(0), leaf)));
        expect(hex(hashChildren(left, right))).toBe(hex(sha256(Uint8Array.of(1), left, right)));
        // Not symmetric: swapping the children changes the node (unless they are equal).
        if (hex(left) !== hex(right)) expect(hex(hashChildren(right, left))).not.toBe(hex(hashChildren(left, right)));
      }),
      { numRuns: 200 },
    );
  });

  it("make the empty root SHA-256 of no bytes, for the list and for the frontier", () => {
    expect(EMPTY_ROOT).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(hex(rootOfLeafHashes([]))).toBe(EMPTY_ROOT);
    expect(hex(MerkleFrontier.empty().root())).toBe(EMPTY_ROOT);
  });

  it("give the tree of three leaves written out by hand", () => {
    const [a, b, c] = [Buffer.from("a"), Buffer.from("b"), Buffer.from("c")];
    const byHand = sha256(Uint8Array.of(1), sha256(Uint8Array.of(1), sha256(Uint8Array.of(0), a), sha256(Uint8Array.of(0), b)), sha256(Uint8Array.of(0), c));
    const leafHashes = [a, b, c].map(hashLeaf);
    expect(hex(rootOfLeafHashes(leafHashes))).toBe(hex(byHand));
    expect(hex(naiveMth([a, b, c]))).toBe(hex(byHand));
    // One leaf: the root is its leaf hash; two: their parent.
    expect(hex(rootOfLeafHashes(leafHashes.slice(0, 1)))).toBe(hex(sha256(Uint8Array.of(0), a)));
    expect(hex(rootOfLeafHashes(leafHashes.slice(0, 2)))).toBe(hex(hashChildren(leafHashes[0] as Buffer, leafHashes[1] as Buffer)));
  });
});

describe("the published RFC 6962 test vectors (transparency-dev/merkle)", () => {
  const leafHashes = vectorLeaves.map(hashLeaf);

  it("give the leaf hashes, the roots of every size and the frontiers", () => {
    expect(hexes(leafHashes)).toEqual(vectorNodes[0]);
    expect(hex(rootOfLeafHashes(leafHashes.slice(0, 1)))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    expect(hex(rootOfLeafHashes(leafHashes))).toBe("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
    const frontier = MerkleFrontier.empty();
    for (let size = 0; size <= 8; size++) {
      expect(hex(rootOfLeafHashes(leafHashes.slice(0, size)))).toBe(vectorRoots[size]);
      expect(hex(naiveMth(vectorLeaves.slice(0, size)))).toBe(vectorRoots[size]);
      expect(frontier.size).toBe(size);
      expect(hexes(frontier.hashes)).toEqual(vectorFrontiers[size]);
      expect(hex(frontier.root())).toBe(vectorRoots[size]);
      const next = leafHashes[size];
      if (next !== undefined) frontier.append(next);
    }
  });

  it("give the published inclusion proofs, which verify", () => {
    for (const [index, size, proof] of vectorInclusions) {
      expect(hexes(inclusionProof(leafHashes, index, size))).toEqual(proof);
      expect(verifyInclusion(leafHashes[index] as Buffer, index, size, proof.map(unhex), unhex(vectorRoots[size] as string))).toBe(true);
    }
  });

  it("give the published consistency proofs, which verify", () => {
    for (const [from, to, proof] of vectorConsistencies) {
      expect(hexes(consistencyProof(leafHashes, from, to))).toEqual(proof);
      expect(verifyConsistency(from, to, unhex(vectorRoots[from] as string), unhex(vectorRoots[to] as string), proof.map(unhex))).toBe(true);
    }
  });
});

describe("MerkleFrontier", () => {
  it("appended n times has the root of rootOfLeafHashes and of the RFC's MTH, and the perfect-subtree roots as hashes", () => {
    fc.assert(
      fc.property(distinctLeaves(300), fc.nat(), (leaves, pick) => {
        const leafHashes = leaves.map(hashLeaf);
        const frontier = MerkleFrontier.empty();
        const cut = pick % (leaves.length + 1);
        let atCut = frontier.clone();
        leafHashes.forEach((leafHash, i) => {
          if (i === cut) atCut = frontier.clone();
          frontier.append(leafHash);
        });
        if (cut === leaves.length) atCut = frontier.clone();
        expect(frontier.size).toBe(leaves.length);
        const root = hex(naiveMth(leaves));
        expect(hex(frontier.root())).toBe(root);
        expect(hex(rootOfLeafHashes(leafHashes))).toBe(root);
        expect(hex(atCut.root())).toBe(hex(naiveMth(leaves.slice(0, cut))));

        // The hashes are the MTHs of the perfect subtrees of [0, n), sizes the set bits of n, largest first.
        const expected: string[] = [];
        let start = 0;
        for (let bit = 2 ** 8; bit >= 1; bit /= 2) {
          if ((leaves.length & bit) === 0) continue;
          expected.push(hex(naiveMth(leaves.slice(start, start + bit))));
          start += bit;
        }
        expect(hexes(frontier.hashes)).toEqual(expected);
        expect(frontier.hashes).toHaveLength(popcount(leaves.length));
      }),
      { numRuns: 60 },
    );
  });

  it("round-trips through of(size, hashes), and the copy grows like the original", () => {
    fc.assert(
      fc.property(distinctLeaves(300), (leaves) => {
        const leafHashes = leaves.map(hashLeaf);
        const [last, ...rest] = [...leafHashes].reverse();
        const frontier = MerkleFrontier.empty();
        for (const leafHash of [...rest].reverse()) frontier.append(leafHash);
        const restored = MerkleFrontier.of(frontier.size, frontier.hashes);
        expect(restored.size).toBe(frontier.size);
        expect(hexes(restored.hashes)).toEqual(hexes(frontier.hashes));
        expect(hex(restored.root())).toBe(hex(frontier.root()));
        restored.append(last as Buffer);
        expect(hex(restored.root())).toBe(hex(rootOfLeafHashes(leafHashes)));
      }),
      { numRuns: 40 },
    );
  });

  it("refuses hashes that do not fit the size, and sizes that are not counts", () => {
    const hash = hashLeaf(Uint8Array.of(1));
    expect(() => MerkleFrontier.of(0, [hash])).toThrow(RangeError);
    expect(() => MerkleFrontier.of(1, [])).toThrow(RangeError);
    expect(() => MerkleFrontier.of(3, [hash])).toThrow(RangeError);
    expect(() => MerkleFrontier.of(4, [hash, hash])).toThrow(RangeError);
    expect(() => MerkleFrontier.of(1, [hash.subarray(0, 31)])).toThrow(RangeError);
    expect(() => MerkleFrontier.of(-1, [])).toThrow(RangeError);
    expect(() => MerkleFrontier.of(1.5, [hash])).toThrow(RangeError);
    expect(() => MerkleFrontier.of(Number.NaN, [])).toThrow(RangeError);
    expect(() => MerkleFrontier.empty().append(Uint8Array.of(1, 2, 3))).toThrow(RangeError);
    expect(MerkleFrontier.of(3, [hash, hash]).size).toBe(3);
  });

  it("clones independently, and never lets a caller change its hashes", () => {
    fc.assert(
      fc.property(distinctLeaves(100), fc.uint8Array(), fc.uint8Array(), (leaves, more, other) => {
        const leafHashes = leaves.map(hashLeaf);
        const original = MerkleFrontier.empty();
        for (const leafHash of leafHashes) original.append(leafHash);
        const before = hex(original.root());
        // A root handed out is not its state either (for one leaf it is the frontier's only hash).
        original.root().fill(0);
        expect(hex(original.root())).toBe(before);
        const copy = original.clone();
        copy.append(hashLeaf(other));
        expect(original.size).toBe(leaves.length);
        expect(hex(original.root())).toBe(before);
        original.append(hashLeaf(more));
        expect(copy.size).toBe(leaves.length + 1);
        expect(hex(copy.root())).toBe(hex(rootOfLeafHashes([...leafHashes, hashLeaf(other)])));
        expect(hex(original.root())).toBe(hex(rootOfLeafHashes([...leafHashes, hashLeaf(more)])));

        // Neither the hashes it hands out, nor those handed to of(), nor a root are its state.
        const handedOut = original.hashes;
        for (const hash of handedOut) hash.fill(0);
        expect(hex(original.root())).toBe(hex(rootOfLeafHashes([...leafHashes, hashLeaf(more)])));
        const given = copy.hashes.map((hash) => Buffer.from(hash));
        const restored = MerkleFrontier.of(copy.size, given);
        for (const hash of given) hash.fill(0);
        expect(hex(restored.root())).toBe(hex(copy.root()));
      }),
      { numRuns: 60 },
    );
  });

  it("works beyond 32 bits of size", () => {
    const big = sha256(Buffer.from("a perfect subtree of 2^33 leaves"));
    const leaf = hashLeaf(Buffer.from("the leaf after it"));
    const frontier = MerkleFrontier.of(2 ** 33, [big]);
    frontier.append(leaf);
    expect(frontier.size).toBe(2 ** 33 + 1);
    expect(hexes(frontier.hashes)).toEqual([hex(big), hex(leaf)]);
    expect(hex(frontier.root())).toBe(hex(hashChildren(big, leaf)));
    frontier.append(leaf);
    expect(hexes(frontier.hashes)).toEqual([hex(big), hex(hashChildren(leaf, leaf))]);
  });
});

describe("inclusion proofs", () => {
  it("are RFC 9162's PATH(m, D[n]), for trees shorter than the list too", () => {
    fc.assert(
      fc.property(distinctLeaves(120), fc.nat(), fc.nat(), (leaves, pickSize, pickIndex) => {
        const size = 1 + (pickSize % leaves.length);
        const index = pickIndex % size;
        const proof = inclusionProof(leaves.map(hashLeaf), index, size);
        expect(hexes(proof)).toEqual(hexes(naivePath(index, leaves.slice(0, size))));
      }),
      { numRuns: 150 },
    );
  });

  it("verify for every leaf, and fail for another leaf, index, root, a changed element or a path too short or too long", () => {
    fc.assert(
      fc.property(distinctLeaves(300), fc.nat(), (leaves, pick) => {
        const leafHashes = leaves.map(hashLeaf);
        const size = leaves.length;
        const root = rootOfLeafHashes(leafHashes);
        const stranger = hashLeaf(Buffer.from("not in the tree"));
        // Outcomes are collected and asserted once: an `expect` per probe would cost more than the hashing.
        const wrong: string[] = [];
        const probe = (what: string, got: boolean, want: boolean): void => {
          if (got !== want) wrong.push(what);
        };
        let previous: Buffer[] | undefined;
        for (let index = 0; index < size; index++) {
          const leafHash = leafHashes[index] as Buffer;
          const path = inclusionProof(leafHashes, index, size);
          const at = `index ${index} of ${size}`;
          probe(`the proof, ${at}`, verifyInclusion(leafHash, index, size, path, root), true);
          probe(`a changed leaf hash, ${at}`, verifyInclusion(flip(leafHash, pick), index, size, path, root), false);
          probe(`a leaf not in the tree, ${at}`, verifyInclusion(stranger, index, size, path, root), false);
          if (size > 1) {
            const other = (index + 1 + (pick % (size - 1))) % size;
            probe(`index ${other} instead, ${at}`, verifyInclusion(leafHash, other, size, path, root), false);
          }
          // The proof of the previous leaf, for this one.
          if (previous !== undefined) probe(`another leaf's proof, ${at}`, verifyInclusion(leafHash, index, size, previous, root), false);
          previous = path;
          probe(`index = size, ${at}`, verifyInclusion(leafHash, size, size, path, root), false);
          probe(`a changed root, ${at}`, verifyInclusion(leafHash, index, size, path, flip(root, pick)), false);
          // One element per leaf, a different one from leaf to leaf, so that every position is tried.
          if (path.length > 0) {
            const changedAt = (pick + index) % path.length;
            const changed = path.map((hash, i) => (i === changedAt ? flip(hash, pick + index) : hash));
            probe(`path[${changedAt}] changed, ${at}`, verifyInclusion(leafHash, index, size, changed, root), false);
          }
          if (path.length > 0) probe(`a truncated path, ${at}`, verifyInclusion(leafHash, index, size, path.slice(0, -1), root), false);
          probe(`the root appended to the path, ${at}`, verifyInclusion(leafHash, index, size, [...path, root], root), false);
          probe(`a hash appended to the path, ${at}`, verifyInclusion(leafHash, index, size, [...path, stranger], root), false);
          probe(`a hash prepended to the path, ${at}`, verifyInclusion(leafHash, index, size, [stranger, ...path], root), false);
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });

  it("work beyond 32 bits of size", () => {
    // In a tree of 2^33 + 1 leaves the last leaf's only sibling is the perfect subtree before it.
    const big = sha256(Buffer.from("a perfect subtree of 2^33 leaves"));
    const leaf = hashLeaf(Buffer.from("the last leaf"));
    const root = hashChildren(big, leaf);
    expect(verifyInclusion(leaf, 2 ** 33, 2 ** 33 + 1, [big], root)).toBe(true);
    expect(verifyInclusion(leaf, 2 ** 33 - 1, 2 ** 33 + 1, [big], root)).toBe(false);
    // And in one of 2^34 leaves a leaf's path has 34 elements.
    const path = Array.from({ length: 34 }, (_, i) => sha256(Buffer.from([i])));
    const index = 2 ** 33 + 5;
    let r = leaf;
    path.forEach((p, level) => {
      r = Math.floor(index / 2 ** level) % 2 === 1 ? hashChildren(p, r) : hashChildren(r, p);
    });
    expect(verifyInclusion(leaf, index, 2 ** 34, path, r)).toBe(true);
    expect(verifyInclusion(leaf, index - 2 ** 32, 2 ** 34, path, r)).toBe(false);
  });

  it("refuse, never throwing, any index or size that is not a count, and hashes that are not 32 bytes", () => {
    const leafHashes = vectorLeaves.map(hashLeaf);
    const leaf = leafHashes[1] as Buffer;
    const path = inclusionProof(leafHashes, 1, 8);
    const root = rootOfLeafHashes(leafHashes);
    expect(verifyInclusion(leaf, 1, 8, path, root)).toBe(true);
    for (const [index, size] of [[-1, 8], [1.5, 8], [Number.NaN, 8], [1, Number.POSITIVE_INFINITY], [1, 0], [9, 8], [1, -8]] as const) {
      expect(verifyInclusion(leaf, index, size, path, root)).toBe(false);
    }
    expect(verifyInclusion(leaf, 1, 8, path, Buffer.concat([root, Buffer.of(0)]))).toBe(false);
    expect(verifyInclusion(Buffer.concat([leaf, Buffer.of(0)]), 1, 8, path, root)).toBe(false);
    expect(verifyInclusion(leaf, 1, 8, [...path.slice(0, 2), Buffer.alloc(0)], root)).toBe(false);
    // A one-leaf tree whose root is its leaf hash: the RFC's steps alone would accept any bytes.
    expect(verifyInclusion(leaf, 0, 1, [], leaf)).toBe(true);
    expect(verifyInclusion(Buffer.of(1, 2, 3), 0, 1, [], Buffer.of(1, 2, 3))).toBe(false);
    fc.assert(
      fc.property(fc.uint8Array(), fc.double(), fc.double(), fc.array(fc.uint8Array()), fc.uint8Array(), (anyLeaf, index, size, anyPath, anyRoot) => {
        expect(verifyInclusion(anyLeaf, index, size, anyPath, anyRoot)).toBe(false);
      }),
      { numRuns: 200 },
    );
    expect(() => inclusionProof(leafHashes, 8, 8)).toThrow(RangeError);
    expect(() => inclusionProof(leafHashes, 0, 9)).toThrow(RangeError);
    expect(() => inclusionProof(leafHashes, 0, 0)).toThrow(RangeError);
    expect(() => inclusionProof(leafHashes, -1, 8)).toThrow(RangeError);
  });
});

describe("consistency proofs", () => {
  it("are RFC 9162's PROOF(m, D[n]), empty for m = n", () => {
    fc.assert(
      fc.property(distinctLeaves(120), fc.nat(), fc.nat(), (leaves, pickTo, pickFrom) => {
        const to = 1 + (pickTo % leaves.length);
        const from = 1 + (pickFrom % to);
        const proof = consistencyProof(leaves.map(hashLeaf), from, to);
        expect(hexes(proof)).toEqual(hexes(naiveSubproof(from, leaves.slice(0, to), true)));
        if (from === to) expect(proof).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it("verify for every 1 ≤ m ≤ n, and fail for a wrong old or new root, a changed element, swapped sizes or roots, a path too short or too long", () => {
    fc.assert(
      fc.property(distinctLeaves(300), fc.nat(), (leaves, pick) => {
        const leafHashes = leaves.map(hashLeaf);
        const n = leaves.length;
        const newRoot = rootOfLeafHashes(leafHashes);
        const stranger = hashLeaf(Buffer.from("not in the tree"));
        const frontier = MerkleFrontier.empty();
        const roots = [frontier.root()];
        for (const leafHash of leafHashes) {
          frontier.append(leafHash);
          roots.push(frontier.root());
        }
        // Outcomes are collected and asserted once: an `expect` per probe would cost more than the hashing.
        const wrong: string[] = [];
        const probe = (what: string, got: boolean, want: boolean): void => {
          if (got !== want) wrong.push(what);
        };
        // From n down, so that the proof for m + 1 is at hand to try for m.
        let previous: Buffer[] | undefined;
        for (let m = n; m >= 1; m--) {
          const oldRoot = roots[m] as Buffer;
          const path = consistencyProof(leafHashes, m, n);
          const proofForMPlusOne = previous;
          previous = path;
          const at = `${m} → ${n}`;
          probe(`the proof, ${at}`, verifyConsistency(m, n, oldRoot, newRoot, path), true);
          if (m === n) {
            probe(`a non-empty proof for m = n, ${at}`, path.length === 0, true);
            probe(`a hash as the proof for m = n, ${at}`, verifyConsistency(m, n, oldRoot, newRoot, [stranger]), false);
            probe(`another root for m = n, ${at}`, verifyConsistency(m, n, oldRoot, flip(newRoot, pick), path), false);
            continue;
          }
          probe(`a changed old root, ${at}`, verifyConsistency(m, n, flip(oldRoot, pick), newRoot, path), false);
          probe(`a changed new root, ${at}`, verifyConsistency(m, n, oldRoot, flip(newRoot, pick), path), false);
          // One element per old size, a different one (and byte) from size to size, so that every position is tried.
          const changedAt = (pick + m) % path.length;
          const changed = path.map((hash, i) => (i === changedAt ? flip(hash, pick + m) : hash));
          probe(`path[${changedAt}] changed, ${at}`, verifyConsistency(m, n, oldRoot, newRoot, changed), false);
          probe(`swapped sizes and roots, ${at}`, verifyConsistency(n, m, newRoot, oldRoot, path), false);
          probe(`swapped roots, ${at}`, verifyConsistency(m, n, newRoot, oldRoot, path), false);
          probe(`an empty path, ${at}`, verifyConsistency(m, n, oldRoot, newRoot, []), false);
          probe(`a path without its last hash, ${at}`, verifyConsistency(m, n, oldRoot, newRoot, path.slice(0, -1)), false);
          probe(`a path without its first hash, ${at}`, verifyConsistency(m, n, oldRoot, newRoot, path.slice(1)), false);
          probe(`a hash appended to the path, ${at}`, verifyConsistency(m, n, oldRoot, newRoot, [...path, stranger]), false);
          probe(`the old root prepended to the path, ${at}`, verifyConsistency(m, n, oldRoot, newRoot, [oldRoot, ...path]), false);
          probe(`the new root appended to the path, ${at}`, verifyConsistency(m, n, oldRoot, newRoot, [...path, newRoot]), false);
          // The proof between other sizes, for these.
          probe(`the proof for ${m + 1} → ${n}, ${at}`, verifyConsistency(m, n, oldRoot, newRoot, proofForMPlusOne ?? []), false);
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });

  it("take the empty tree as consistent with every tree, with an empty proof only", () => {
    const leafHashes = vectorLeaves.map(hashLeaf);
    const root = rootOfLeafHashes(leafHashes);
    const empty = unhex(EMPTY_ROOT);
    expect(consistencyProof(leafHashes, 0, 8)).toEqual([]);
    expect(consistencyProof(leafHashes, 0, 0)).toEqual([]);
    expect(verifyConsistency(0, 8, empty, root, [])).toBe(true);
    // The old root is not looked at: there is no other tree of size 0.
    expect(verifyConsistency(0, 8, root, root, [])).toBe(true);
    expect(verifyConsistency(0, 8, empty, root, [root])).toBe(false);
    expect(verifyConsistency(0, 0, empty, empty, [])).toBe(true);
    expect(verifyConsistency(0, 0, empty, root, [])).toBe(false);
    expect(verifyConsistency(8, 0, root, empty, [])).toBe(false);
  });

  it("work beyond 32 bits of size", () => {
    // From a perfect tree of 2^33 leaves to one more: the proof is the new leaf.
    const big = sha256(Buffer.from("a perfect subtree of 2^33 leaves"));
    const leaf = hashLeaf(Buffer.from("the leaf after it"));
    const root = hashChildren(big, leaf);
    expect(verifyConsistency(2 ** 33, 2 ** 33 + 1, big, root, [leaf])).toBe(true);
    expect(verifyConsistency(2 ** 32, 2 ** 33 + 1, big, root, [leaf])).toBe(false);
    expect(verifyConsistency(2 ** 33, 2 ** 33 + 1, big, flip(root), [leaf])).toBe(false);
  });

  it("refuse, never throwing, sizes that are not counts and hashes that are not 32 bytes", () => {
    const leafHashes = vectorLeaves.map(hashLeaf);
    const oldRoot = rootOfLeafHashes(leafHashes.slice(0, 3));
    const newRoot = rootOfLeafHashes(leafHashes);
    const path = consistencyProof(leafHashes, 3, 8);
    expect(verifyConsistency(3, 8, oldRoot, newRoot, path)).toBe(true);
    for (const [from, to] of [[-3, 8], [3.5, 8], [Number.NaN, 8], [3, Number.NaN], [3, Number.POSITIVE_INFINITY], [8, 3]] as const) {
      expect(verifyConsistency(from, to, oldRoot, newRoot, path)).toBe(false);
    }
    expect(verifyConsistency(3, 8, oldRoot, newRoot, [...path.slice(0, -1), Buffer.alloc(0)])).toBe(false);
    expect(verifyConsistency(8, 8, Buffer.alloc(0), Buffer.alloc(0), [])).toBe(false);
    fc.assert(
      fc.property(fc.double(), fc.double(), fc.uint8Array(), fc.uint8Array(), fc.array(fc.uint8Array()), (from, to, anyOld, anyNew, anyPath) => {
        expect(typeof verifyConsistency(from, to, anyOld, anyNew, anyPath)).toBe("boolean");
      }),
      { numRuns: 200 },
    );
    expect(() => consistencyProof(leafHashes, 4, 3)).toThrow(RangeError);
    expect(() => consistencyProof(leafHashes, 1, 9)).toThrow(RangeError);
    expect(() => consistencyProof(leafHashes, -1, 8)).toThrow(RangeError);
  });
});
