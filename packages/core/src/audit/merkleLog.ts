import { hash } from "node:crypto";
import { sha256Buffer } from "./sha256.js";

// RFC 9162 (Certificate Transparency v2) §2.1: the Merkle Tree Hash over SHA-256, inclusion and
// consistency proofs, and their verification. Chosen because every byte is specified elsewhere, so
// any CT-style tool can check our proofs. Sizes and indices are plain numbers: the bit arithmetic
// below is written with division and remainder, not `>>`, so it holds for every safe integer and
// not only for 32 bits.

/** The length in bytes of a SHA-256 hash, so of every node of the tree. */
const HASH_SIZE = 32;

// The one-byte domain separators of §2.1.1: a leaf can never be taken for an interior node.
const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/**
 * SHA-256 of the parts end to end. One-shot `hash` over one buffer, rather than `createHash` and
 * an update per part: a tree of a million leaves takes a million of these, and the one-shot
 * form costs about 40% less per call.
 */
const sha256 = (prefix: Uint8Array, ...parts: readonly Uint8Array[]): Buffer => {
  let length = prefix.length;
  for (const part of parts) length += part.length;
  const bytes = Buffer.allocUnsafe(length);
  bytes.set(prefix, 0);
  let offset = prefix.length;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return sha256Buffer(bytes);
};

/** The leaf hash of RFC 9162 §2.1.1: SHA-256(0x00 ‖ leaf). */
export const hashLeaf = (leaf: Uint8Array): Buffer => sha256(LEAF_PREFIX, leaf);

/**
 * The input of one interior node, 0x01 ‖ left ‖ right, in one buffer made once: a tree of a
 * million leaves hashes a million nodes, and a buffer made per node cost more than its hash.
 * Written and hashed with nothing in between (hashing is synchronous), so never shared.
 */
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_SIZE, NODE_PREFIX[0]);

/** The interior node hash of RFC 9162 §2.1.1: SHA-256(0x01 ‖ left ‖ right). */
export const hashChildren = (left: Uint8Array, right: Uint8Array): Buffer => {
  if (!isHash(left) || !isHash(right)) return sha256(NODE_PREFIX, left, right);
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 1 + HASH_SIZE);
  return sha256Buffer(NODE_INPUT);
};

/**
 * {@link hashChildren} of two hashes held as "binary" (latin1) strings, a character a byte, and
 * its hash as one: the frontier keeps its nodes so, with no buffer per node.
 */
const binaryChildren = (left: string, right: string): string => {
  NODE_INPUT.write(left, 1, HASH_SIZE, "latin1");
  NODE_INPUT.write(right, 1 + HASH_SIZE, HASH_SIZE, "latin1");
  return hash("sha256", NODE_INPUT, "binary");
};

/** The Merkle Tree Hash of the empty tree, MTH({}) = SHA-256 of no bytes, as lower-case hex. */
export const EMPTY_ROOT: string = sha256(new Uint8Array(0)).toString("hex");

/** Whether `n` is a safe integer ≥ 0: everything else is refused rather than rounded. */
const isSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** LSB(n) of the RFC, for any safe integer; arithmetic like {@link half}, where `>>` would truncate to 32 bits. */
const lsb = (n: number): boolean => n % 2 === 1;

/** n >> 1 for any safe integer. */
const half = (n: number): number => Math.floor(n / 2);

/** The number of set bits of `n`: how many perfect subtrees make up a tree of n leaves. */
const popcount = (n: number): number => {
  let count = 0;
  for (let rest = n; rest > 0; rest = half(rest)) if (lsb(rest)) count++;
  return count;
};

const isPowerOfTwo = (n: number): boolean => n > 0 && popcount(n) === 1;

/** The k of §2.1.1: the largest power of two strictly below `n` (n ≥ 2). */
const splitPoint = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;

const isHash = (bytes: Uint8Array): boolean => bytes.length === HASH_SIZE;

/** An element the caller has checked exists; the index types say `T | undefined` regardless. */
const at = <T>(items: readonly T[], index: number): T => items[index] as T;

/**
 * MTH(D[lo:hi]) over leaf hashes, hi > lo. The recursion follows the split of §2.1.1, so its
 * depth is O(log n) and it hashes each node of the range once. For one leaf it is the caller's
 * own array: the exported functions copy it before handing it out.
 */
const subtreeRoot = (leafHashes: readonly Uint8Array[], lo: number, hi: number): Uint8Array => {
  const n = hi - lo;
  if (n === 1) return at(leafHashes, lo);
  const k = splitPoint(n);
  return hashChildren(subtreeRoot(leafHashes, lo, lo + k), subtreeRoot(leafHashes, lo + k, hi));
};

/**
 * The Merkle Tree Hash of RFC 9162 §2.1.1 over leaf hashes already made with {@link hashLeaf}
 * (not over the leaf bytes): SHA-256 of no bytes for none, the leaf hash itself for one, and
 * otherwise hashChildren(MTH(D[0:k]), MTH(D[k:n])) with k the largest power of two below n.
 */
export const rootOfLeafHashes = (leafHashes: readonly Uint8Array[]): Buffer =>
  leafHashes.length === 0 ? Buffer.from(EMPTY_ROOT, "hex") : Buffer.from(subtreeRoot(leafHashes, 0, leafHashes.length));

/**
 * The "frontier" (compact range) of a tree of `size` leaves: the roots of the perfect subtrees
 * that make up [0, size), left to right and largest first, one per set bit of `size`. It is all
 * that is needed to append further leaves and to compute the root, so a log can be extended
 * without holding its leaves. Hashes handed in and out are copies: a caller cannot change the
 * frontier's state behind its back.
 */
export class MerkleFrontier {
  #size: number;
  // "binary" (latin1) strings, a character a byte: appending hashes them with no buffer per node,
  // and a clone copies only the array.
  readonly #hashes: string[];

  private constructor(size: number, hashes: string[]) {
    this.#size = size;
    this.#hashes = hashes;
  }

  /** The frontier of the empty tree: size 0, no hashes. */
  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /**
   * The frontier of a tree of `size` leaves from its perfect-subtree roots, left to right (as
   * {@link MerkleFrontier.hashes} gives them), e.g. as stored in a seal.
   *
   * @throws RangeError if `size` is not a safe integer ≥ 0, if `hashes.length` is not the
   * number of set bits of `size`, or if a hash is not 32 bytes long.
   */
  static of(size: number, hashes: readonly Uint8Array[]): MerkleFrontier {
    if (!isSize(size)) throw new RangeError(`a tree size must be a safe integer ≥ 0, not ${size}`);
    const expected = popcount(size);
    if (hashes.length !== expected) throw new RangeError(`a tree of size ${size} has ${expected} frontier hashes, not ${hashes.length}`);
    if (!hashes.every(isHash)) throw new RangeError(`frontier hashes must be ${HASH_SIZE} bytes long`);
    return new MerkleFrontier(size, hashes.map((hash) => Buffer.from(hash.buffer, hash.byteOffset, hash.length).toString("latin1")));
  }

  /** The number of leaves in the tree. */
  get size(): number {
    return this.#size;
  }

  /** The perfect-subtree roots, left to right (largest first); copies, one per set bit of the size. */
  get hashes(): readonly Buffer[] {
    return this.#hashes.map((hash) => Buffer.from(hash, "latin1"));
  }

  /**
   * Appends one leaf hash (made with {@link hashLeaf}). Like a binary increment: each trailing
   * set bit of the old size is a subtree of the new leaf's size, merged into it, so the
   * amortised cost is O(1) hashes.
   *
   * @throws RangeError if `leafHash` is not 32 bytes long, or if the tree is already of size
   * Number.MAX_SAFE_INTEGER.
   */
  append(leafHash: Uint8Array): void {
    if (!isHash(leafHash)) throw new RangeError(`a leaf hash must be ${HASH_SIZE} bytes long, not ${leafHash.length}`);
    if (this.#size === Number.MAX_SAFE_INTEGER) throw new RangeError("the tree cannot grow beyond Number.MAX_SAFE_INTEGER leaves");
    // The leaf goes where a right child is hashed from: its first merge needs no string of it.
    NODE_INPUT.set(leafHash, 1 + HASH_SIZE);
    let node: string | undefined;
    for (let carry = this.#size; lsb(carry); carry = half(carry)) {
      // The last hash is the smallest subtree, of the same size as `node`: they are siblings.
      const left = this.#hashes.pop() as string;
      if (node === undefined) {
        NODE_INPUT.write(left, 1, HASH_SIZE, "latin1");
        node = hash("sha256", NODE_INPUT, "binary");
      } else node = binaryChildren(left, node);
    }
    this.#hashes.push(node ?? NODE_INPUT.toString("latin1", 1 + HASH_SIZE));
    this.#size += 1;
  }

  /**
   * The Merkle Tree Hash of the tree: the frontier folded right to left,
   * hashChildren(f0, hashChildren(f1, … fk)), which is MTH because each MTH split point is the
   * largest set bit of the size. SHA-256 of no bytes for the empty tree.
   */
  root(): Buffer {
    const last = this.#hashes.length - 1;
    if (last < 0) return Buffer.from(EMPTY_ROOT, "hex");
    let root = at(this.#hashes, last);
    for (let i = last - 1; i >= 0; i--) root = binaryChildren(at(this.#hashes, i), root);
    return Buffer.from(root, "latin1");
  }

  /** An independent copy: appending to either leaves the other as it was. */
  clone(): MerkleFrontier {
    return new MerkleFrontier(this.#size, [...this.#hashes]);
  }
}

/** PATH(m, D[lo:hi]) of §2.1.3.1, `m` relative to lo; appends to `proof` (leaf to root order). */
const collectPath = (leafHashes: readonly Uint8Array[], m: number, lo: number, hi: number, proof: Buffer[]): void => {
  const n = hi - lo;
  if (n === 1) return;
  const k = splitPoint(n);
  if (m < k) {
    collectPath(leafHashes, m, lo, lo + k, proof);
    proof.push(Buffer.from(subtreeRoot(leafHashes, lo + k, hi)));
  } else {
    collectPath(leafHashes, m - k, lo + k, hi, proof);
    proof.push(Buffer.from(subtreeRoot(leafHashes, lo, lo + k)));
  }
};

/**
 * PATH(m, D[n]) of RFC 9162 §2.1.3.1: the inclusion proof of the leaf at `index` in the tree of
 * the first `size` leaf hashes, nearest sibling first. The siblings along the path partition the
 * tree, so it costs at most `size` − 1 hashes, with recursion depth O(log size).
 *
 * @throws RangeError unless 0 ≤ index < size ≤ leafHashes.length (integers).
 */
export const inclusionProof = (leafHashes: readonly Uint8Array[], index: number, size: number): Buffer[] => {
  if (!isSize(size) || size < 1 || size > leafHashes.length) throw new RangeError(`tree size ${size} is not in 1…${leafHashes.length}`);
  if (!isSize(index) || index >= size) throw new RangeError(`leaf index ${index} is not in 0…${size - 1}`);
  const proof: Buffer[] = [];
  collectPath(leafHashes, index, 0, size, proof);
  return proof;
};

/**
 * The verification of RFC 9162 §2.1.3.2, step by step as the RFC writes it: whether `path` proves
 * that `leafHash` is the leaf at `index` of the tree of `size` leaves with root `root`. Returns
 * false, and never throws, for index ≥ size, non-integer or negative numbers, a path of the
 * wrong length, or any mismatch. One check beyond the RFC's steps: every hash (leaf hash, root,
 * path elements) must be 32 bytes long, as every SHA-256 node of a tree is.
 */
export const verifyInclusion = (leafHash: Uint8Array, index: number, size: number, path: readonly Uint8Array[], root: Uint8Array): boolean => {
  if (!isSize(index) || !isSize(size)) return false;
  if (!isHash(leafHash) || !isHash(root) || !path.every(isHash)) return false;
  // 1. leaf_index ≥ tree_size fails.
  if (index >= size) return false;
  // 2. fn = leaf_index, sn = tree_size − 1.
  let fn = index;
  let sn = size - 1;
  // 3. r = hash.
  let r: Uint8Array = leafHash;
  // 4. For each p in inclusion_path:
  for (const p of path) {
    // a. A path longer than the tree is deep fails here.
    if (sn === 0) return false;
    // b. A right child, or the last node of its level (which has no right sibling), takes p on its left.
    if (lsb(fn) || fn === sn) {
      r = hashChildren(p, r);
      // A rightmost node without a sibling moves up unchanged until it becomes a right child.
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hashChildren(r, p);
    }
    // c.
    fn = half(fn);
    sn = half(sn);
  }
  // 5. A path shorter than the tree is deep leaves sn above 0.
  return sn === 0 && sameBytes(r, root);
};

/** SUBPROOF(m, D[lo:hi], b) of §2.1.4.1, `m` relative to lo; appends to `proof`. */
const collectSubproof = (leafHashes: readonly Uint8Array[], m: number, lo: number, hi: number, b: boolean, proof: Buffer[]): void => {
  const n = hi - lo;
  if (m === n) {
    // The old tree is this very subtree: its root is known to the verifier only if it is the
    // whole old tree (b true); otherwise it has to be given.
    if (!b) proof.push(Buffer.from(subtreeRoot(leafHashes, lo, hi)));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    collectSubproof(leafHashes, m, lo, lo + k, b, proof);
    proof.push(Buffer.from(subtreeRoot(leafHashes, lo + k, hi)));
  } else {
    collectSubproof(leafHashes, m - k, lo + k, hi, false, proof);
    proof.push(Buffer.from(subtreeRoot(leafHashes, lo, lo + k)));
  }
};

/**
 * PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1: the consistency proof that the
 * tree of the first `from` leaf hashes is a prefix of the tree of the first `to`. Empty for
 * from = to, as the RFC says. Beyond the RFC (which defines 0 < m ≤ n), from = 0 is accepted
 * and gives the empty proof, which is what {@link verifyConsistency} takes for it. Costs at most
 * `to` hashes, with recursion depth O(log to).
 *
 * @throws RangeError unless 0 ≤ from ≤ to ≤ leafHashes.length (integers).
 */
export const consistencyProof = (leafHashes: readonly Uint8Array[], from: number, to: number): Buffer[] => {
  if (!isSize(to) || to > leafHashes.length) throw new RangeError(`tree size ${to} is not in 0…${leafHashes.length}`);
  if (!isSize(from) || from > to) throw new RangeError(`old tree size ${from} is not in 0…${to}`);
  const proof: Buffer[] = [];
  if (from > 0) collectSubproof(leafHashes, from, 0, to, true, proof);
  return proof;
};

/**
 * The verification of RFC 9162 §2.1.4.2, step by step as the RFC writes it (including "if first
 * is an exact power of 2, prepend first_hash"): whether `path` proves that the tree of size
 * `from` with root `fromRoot` is a prefix of the tree of size `to` with root `toRoot`. Returns
 * false, and never throws, for from > to, non-integer or negative sizes, or any mismatch.
 *
 * The RFC's algorithm is for 0 < from < to; the two other cases are decided thus:
 * - from = to (0 included): true iff `path` is empty and the two roots are equal;
 * - from = 0 (and to > 0): true iff `path` is empty, whatever the roots: every tree extends the
 *   empty one, so there is nothing to prove (and `fromRoot` is not looked at).
 *
 * One check beyond the RFC's steps: every hash it looks at (roots, path elements) must be 32
 * bytes long.
 */
export const verifyConsistency = (from: number, to: number, fromRoot: Uint8Array, toRoot: Uint8Array, path: readonly Uint8Array[]): boolean => {
  if (!isSize(from) || !isSize(to) || from > to) return false;
  if (from === to) return path.length === 0 && isHash(fromRoot) && sameBytes(fromRoot, toRoot);
  if (from === 0) return path.length === 0;
  if (!isHash(fromRoot) || !isHash(toRoot) || !path.every(isHash)) return false;
  // 1. An empty path fails.
  if (path.length === 0) return false;
  // 2. When first is a power of two the old tree is a perfect subtree of the new one, whose root
  //    the proof leaves out (b true in SUBPROOF): the verifier supplies it.
  const nodes: readonly Uint8Array[] = isPowerOfTwo(from) ? [fromRoot, ...path] : path;
  // 3. fn = first − 1, sn = second − 1.
  let fn = from - 1;
  let sn = to - 1;
  // 4. Climb past the levels where the old tree's last leaf is a right child: their left
  //    siblings are inside the perfect subtree the first node stands for.
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr and sr start from the first node.
  let fr: Uint8Array = at(nodes, 0);
  let sr: Uint8Array = fr;
  // 6. For each subsequent c: a node on the left belongs to both trees, on the right only to the new one.
  for (let i = 1; i < nodes.length; i++) {
    const c = at(nodes, i);
    // a.
    if (sn === 0) return false;
    // b.
    if (lsb(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hashChildren(sr, c);
    }
    // c.
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return sameBytes(fr, fromRoot) && sameBytes(sr, toRoot) && sn === 0;
};
