#!/usr/bin/env python3
"""Independent reference verifier, prover and proof checker for grantledger histories.

Written from docs/audit.md and docs/events.md alone (no look at the TypeScript sources), with
Python 3.11's standard library only (hashlib, json, base64, argparse): RFC 8785 canonical JSON,
the RFC 9162 Merkle log, and Ed25519 verification (RFC 8032 §5.1.7, after the reference code of
RFC 8032 §6) are implemented here.

Subcommands
  verify FILE [--expect-root ROOT@POSITION ...] [--public-key-der-b64 B64 ...]
      Reads an exported NDJSON history as docs/audit.md §4.1 says (bytes; one reading of a line;
      a line that is not byte for byte the canonical form of what it parses to is refused, naming
      the line) and runs the checks of §4.2 and §5 in one pass. Prints one JSON object:
        {"intact": true, "events": N, "seals": K, "root": R, "treeSize": N}          exit 0
        {"intact": false, "kind": K, "streamName": S, "revision": R, "position": P,
         "line": L}                                                                  exit 1
      kind is one of position-order, revision-gap, undecodable, chain-link, content-hash,
      seal-root, seal-order, seal-signature, expected-root, or "line" (a refused line; then
      streamName/revision/position are null and line is the 1-based line number). A short
      human-readable detail goes to stderr.
  prove-inclusion FILE --event STREAM@REVISION --seal POSITION
  prove-consistency FILE --from-seal P1 --to-seal P2
      Write the proof JSON of §6 to stdout (the history is verified first; a broken history is
      refused). POSITION is the position the seal covers (its data.position), as `seal` prints it.
  check-proof PROOF_FILE [--root ROOT@POSITION ...] [--public-key-der-b64 B64 ...]
      Checks a proof per §6 with nothing but the proof and the given anchors; prints
      {"holds": true|false, "reason": "..."}; exit 0 / 1.
  selftest
      Checks this implementation against every worked example of docs/audit.md (and a few
      synthetic histories); exit 0 only if all pass.

What is NOT checked (the codec check `undecodable` of §4.2 step 3):
  The codecs of the domain events (packages/core/src/events/) are not reimplemented: docs/events.md
  describes them in prose only, and a partial reimplementation would report breaks the real codecs
  do not. `undecodable` is reported only for what the documents make checkable without them:
    * the metadata table of docs/events.md ("every event carries"): commandId, correlationId,
      causationId and actor texts (at least one non-blank character), schemaVersion a number,
      prevHash null or 64 lower-case hex digits, hash 64 lower-case hex digits (extra keys allowed);
    * the type must be one docs/events.md names (a type without a codec passes none), and
      SealRecorded events are exactly the events of stream `seal` (§3);
    * for a seal, the data shapes of §3 (version 2, chosen when data has a `version` key) and §5
      (version 1): field presence and JSON types, non-negative integers for counts and positions,
      64 lower-case hex digits for hashes, ISO-8601 with an explicit zone for `sealedAt`, `last`
      null or {streamName, revision, eventHash}, `signature` {algorithm: "ed25519", keyId (hex),
      publicKey and value (padded standard base64)}. Extra keys are allowed (docs/audit.md §7
      step 1 implies codecs accept fields they do not name).
  A domain event whose data breaks its codec (a negative amount, a bad date, ...) therefore passes
  here and is reported by grantledger as `undecodable`.

  The line reader (§4.1) also refuses, beyond the byte-for-byte canonical form: a streamName, id
  or type that is not a non-empty string, a recordedAt that is not a string, a revision or
  position that is not a non-negative integer, data or metadata that is not an object.

Where the documents are silent, the choices above (the metadata and type checks, the line
reader's type checks, the whole of `last`) were settled by running grantledger's own `verify` on
probe histories; each is listed in the audit report.

Assumptions where the documents leave room (each is listed in the audit report):
  * numbers follow ECMAScript semantics (the reference implementation is TypeScript): a number
    literal is canonical only if it equals the ECMAScript Number::toString of the IEEE double it
    denotes (so an integer above 2^53 that a double cannot hold is a refused line);
  * a text with a lone surrogate has no RFC 8785 form (§1), so no line is its canonical form:
    the line is refused (§4.1), although §1 says "a content-hash break wherever it is read";
  * for a version-2 seal: `seal-root` when n > m first, then `seal-order`, then the root,
    frontier and last checks (`seal-root`; `last` must equal event n-1's streamName, revision and
    hash, as §3 defines it, not only the eventHash §4.2 names), then `seal-signature`;
  * kept roots are checked after the pass (a version-2 seal later in the history may record
    them); their break names position P and no stream or revision. "no signed seal" (trusted keys
    given, no seal signed by one) is a `seal-signature` break naming stream `seal` only.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import math
import re
import sys

# --------------------------------------------------------------------------------------------
# RFC 8785 canonical JSON (for the JSON types of a parsed line: str, int, float, bool, None,
# list, dict) with ECMAScript number formatting.


class NoCanonicalForm(Exception):
    """A value without an RFC 8785 form (a lone surrogate, NaN, an infinity)."""


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _js_string(s: str) -> str:
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif c < 0x20:
            out.append("\\u%04x" % c)
        elif 0xD800 <= c <= 0xDFFF:
            # Python's json decodes a proper pair of escapes into one code point, so a surrogate
            # here is a lone one: no RFC 8785 form (docs/audit.md §1).
            raise NoCanonicalForm("lone surrogate U+%04X" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _js_number(x: float) -> str:
    """ECMAScript Number::toString(x) for a finite double."""
    if math.isnan(x) or math.isinf(x):
        raise NoCanonicalForm("non-finite number")
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    r = repr(abs(x))  # shortest round-trip digits
    if "e" in r:
        mant, exp = r.split("e")
        exp10 = int(exp)
    else:
        mant, exp10 = r, 0
    if "." in mant:
        ip, fp = mant.split(".")
    else:
        ip, fp = mant, ""
    digits = ip + fp
    n = len(ip) + exp10  # decimal point position relative to the digit string
    stripped = digits.lstrip("0")
    n -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        s = digits + "0" * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        s = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        es = ("+" if e >= 0 else "-") + str(abs(e))
        s = (digits[0] if k == 1 else digits[0] + "." + digits[1:]) + "e" + es
    return sign + s


def _utf16_key(k: str) -> bytes:
    return k.encode("utf-16-be", "surrogatepass")


def canonical(v) -> str:
    """RFC 8785 text of a JSON value (NoCanonicalForm when it has none)."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        if abs(v) <= 2**53:
            return str(v)
        try:
            return _js_number(float(v))
        except OverflowError:
            raise NoCanonicalForm("number out of range")
    if isinstance(v, float):
        return _js_number(v)
    if isinstance(v, str):
        return _js_string(v)
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v.keys(), key=_utf16_key)
        return "{" + ",".join(
            _js_string(k) + ":" + canonical(v[k]) for k in keys
        ) + "}"
    raise TypeError("not a JSON value: %r" % (v,))


def canonical_bytes(v) -> bytes:
    return canonical(v).encode("utf-8")


def _reject_constant(name):
    raise ValueError("not JSON: " + name)


def parse_json_text(text: str):
    return json.loads(text, parse_constant=_reject_constant)


# --------------------------------------------------------------------------------------------
# Hashes and the Merkle log (RFC 9162 §2.1)


def sha256(b: bytes) -> bytes:
    return hashlib.sha256(b).digest()


EMPTY_ROOT = sha256(b"")


def event_hash(stream_name, revision, event_id, event_type, data, metadata) -> str:
    """§1. Raises NoCanonicalForm when the event has no hash."""
    m = {k: v for k, v in metadata.items() if k != "hash"}
    obj = {"streamName": stream_name, "revision": revision, "id": event_id, "type": event_type,
           "data": data, "metadata": m}
    return hashlib.sha256(canonical_bytes(obj)).hexdigest()


def leaf_bytes(event_hash_hex: str, index: int, recorded_at: str) -> bytes:
    return canonical_bytes({"eventHash": event_hash_hex, "index": index, "recordedAt": recorded_at})


def leaf_hash(event_hash_hex: str, index: int, recorded_at: str) -> bytes:
    return sha256(b"\x00" + leaf_bytes(event_hash_hex, index, recorded_at))


def node(left: bytes, right: bytes) -> bytes:
    return sha256(b"\x01" + left + right)


def _split(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def mth(leaves) -> bytes:
    n = len(leaves)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaves[0]
    k = _split(n)
    return node(mth(leaves[:k]), mth(leaves[k:]))


def frontier_of(leaves) -> list[bytes]:
    """Roots of the perfect subtrees, one per set bit of n from the highest (§3)."""
    n = len(leaves)
    out, off = [], 0
    for b in range(n.bit_length() - 1, -1, -1):
        if n & (1 << b):
            out.append(mth(leaves[off:off + (1 << b)]))
            off += 1 << b
    return out


def fold_frontier(fr: list[bytes]) -> bytes:
    if not fr:
        return EMPTY_ROOT
    acc = fr[-1]
    for f in reversed(fr[:-1]):
        acc = node(f, acc)
    return acc


def inclusion_path(m: int, leaves) -> list[bytes]:
    """RFC 9162 §2.1.3.1 PATH(m, D[n])."""
    n = len(leaves)
    if n <= 1:
        return []
    k = _split(n)
    if m < k:
        return inclusion_path(m, leaves[:k]) + [mth(leaves[k:])]
    return inclusion_path(m - k, leaves[k:]) + [mth(leaves[:k])]


def consistency_path(m: int, leaves) -> list[bytes]:
    """RFC 9162 §2.1.4.1 PROOF(m, D[n]); empty for m == 0 or m == n."""
    if m == 0 or m == len(leaves):
        return []

    def sub(m, d, b):
        n = len(d)
        if m == n:
            return [] if b else [mth(d)]
        k = _split(n)
        if m <= k:
            return sub(m, d[:k], b) + [mth(d[k:])]
        return sub(m - k, d[k:], False) + [mth(d[:k])]

    return sub(m, leaves, True)


def verify_inclusion(index: int, size: int, leaf: bytes, path: list[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2."""
    if index >= size or index < 0:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first: int, second: int, first_hash: bytes, second_hash: bytes,
                       path: list[bytes]) -> bool:
    """RFC 9162 §2.1.4.2, with the conventions of docs/audit.md §6.2 for sizes 0 and equal."""
    if first < 0 or first > second:
        return False
    if first == 0:
        return len(path) == 0
    if first == second:
        return len(path) == 0 and first_hash == second_hash
    path = list(path)
    if first & (first - 1) == 0:
        path = [first_hash] + path
    if not path:
        return False
    fn, sn = first - 1, second - 1
    if fn & 1:
        while fn & 1:
            fn >>= 1
            sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node(c, fr)
            sr = node(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


# --------------------------------------------------------------------------------------------
# Ed25519 verification (RFC 8032 §5.1.7), after the reference code of RFC 8032 §6.

_P = 2**255 - 19
_Q = 2**252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _inv(x):
    return pow(x, _P - 2, _P)


def _padd(P, Q):
    A, B = (P[1] - P[0]) * (Q[1] - Q[0]) % _P, (P[1] + P[0]) * (Q[1] + Q[0]) % _P
    C, D = 2 * P[3] * Q[3] * _D % _P, 2 * P[2] * Q[2] % _P
    E, F, G, H = B - A, D - C, D + C, B + A
    return (E * F, G * H, F * G, E * H)


def _pmul(s, P):
    Q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            Q = _padd(Q, P)
        P = _padd(P, P)
        s >>= 1
    return Q


def _pequal(P, Q):
    return (P[0] * Q[2] - Q[0] * P[2]) % _P == 0 and (P[1] * Q[2] - Q[1] * P[2]) % _P == 0


def _recover_x(y, sign):
    if y >= _P:
        return None
    x2 = (y * y - 1) * _inv(_D * y * y + 1)
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


_GY = 4 * _inv(5) % _P
_GX = _recover_x(_GY, 0)
_G = (_GX, _GY, 1, _GX * _GY % _P)


def _compress(P) -> bytes:
    zi = _inv(P[2])
    x, y = P[0] * zi % _P, P[1] * zi % _P
    return int.to_bytes(y | ((x & 1) << 255), 32, "little")


def _decompress(s: bytes):
    if len(s) != 32:
        return None
    y = int.from_bytes(s, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


def ed25519_public_from_seed(seed: bytes) -> bytes:
    """Used by selftest only, to check the example key pair of §3."""
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return _compress(_pmul(a, _G))


def ed25519_verify(public: bytes, msg: bytes, sig: bytes) -> bool:
    if len(public) != 32 or len(sig) != 64:
        return False
    A = _decompress(public)
    if A is None:
        return False
    Rs = sig[:32]
    R = _decompress(Rs)
    if R is None:
        return False
    s = int.from_bytes(sig[32:], "little")
    if s >= _Q:
        return False
    h = int.from_bytes(hashlib.sha512(Rs + public + msg).digest(), "little") % _Q
    return _pequal(_pmul(s, _G), _padd(R, _pmul(h, A)))


ED25519_SPKI_PREFIX = bytes.fromhex("302a300506032b6570032100")


def b64decode_strict(s) -> bytes | None:
    if not isinstance(s, str) or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", s) or len(s) % 4:
        return None
    try:
        b = base64.b64decode(s, validate=True)
    except ValueError:
        return None
    if base64.b64encode(b).decode("ascii") != s:  # one encoding only (no stray pad bits)
        return None
    return b


def signed_tree_head(root: str, sealed_at: str, tree_size: int) -> bytes:
    return canonical_bytes({"root": root, "sealedAt": sealed_at, "treeSize": tree_size,
                            "type": "grantledger-seal", "version": 2})


def check_signature(sig, root, sealed_at, tree_size, trusted: list[bytes] | None):
    """Returns (valid, trusted_ok, reason). valid: verifies against its own publicKey with its
    keyId; trusted_ok: valid and by one of the trusted keys (None when no keys given)."""
    if not isinstance(sig, dict):
        return False, False, "signature is not an object"
    if sig.get("algorithm") != "ed25519":
        return False, False, "algorithm is not ed25519"
    der = b64decode_strict(sig.get("publicKey"))
    if der is None:
        return False, False, "publicKey is not base64"
    if len(der) != 44 or not der.startswith(ED25519_SPKI_PREFIX):
        return False, False, "publicKey is not an Ed25519 SubjectPublicKeyInfo"
    if hashlib.sha256(der).hexdigest() != sig.get("keyId"):
        return False, False, "keyId is not SHA-256 of the public key"
    value = b64decode_strict(sig.get("value"))
    if value is None or len(value) != 64:
        return False, False, "value is not a 64-byte base64 signature"
    if not ed25519_verify(der[-32:], signed_tree_head(root, sealed_at, tree_size), value):
        return False, False, "signature does not verify"
    if trusted is None:
        return True, None, "valid"
    if der in trusted:
        return True, True, "valid, trusted key"
    return True, False, "valid, but by a key not trusted"


# --------------------------------------------------------------------------------------------
# The line reader (§4.1)


class LineRefused(Exception):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line = line
        self.reason = reason


LINE_KEYS = ("streamName", "revision", "position", "id", "type", "data", "metadata", "recordedAt")


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def read_line(raw: bytes, lineno: int) -> dict:
    if raw == b"":
        raise LineRefused(lineno, "blank line")
    if b"\r" in raw:
        raise LineRefused(lineno, "carriage return")
    if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raise LineRefused(lineno, "byte-order mark")
    try:
        text = raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        raise LineRefused(lineno, "not UTF-8: %s" % e)
    try:
        v = parse_json_text(text)
    except (ValueError, RecursionError) as e:
        raise LineRefused(lineno, "not JSON: %s" % e)
    if not isinstance(v, dict):
        raise LineRefused(lineno, "not a JSON object")
    for k in LINE_KEYS:
        if k not in v:
            raise LineRefused(lineno, "missing key %s" % k)
    for k in ("streamName", "id", "type"):
        if not isinstance(v[k], str) or v[k] == "":
            raise LineRefused(lineno, "%s is not a non-empty string" % k)
    if not isinstance(v["recordedAt"], str):
        raise LineRefused(lineno, "recordedAt is not a string")
    for k in ("revision", "position"):
        if not _is_int(v[k]) or v[k] < 0:
            raise LineRefused(lineno, "%s is not a non-negative integer" % k)
    for k in ("data", "metadata"):
        if not isinstance(v[k], dict):
            raise LineRefused(lineno, "%s is not an object" % k)
    try:
        form = "{" + ",".join(
            '"%s":%s' % (k, canonical(v[k])) for k in LINE_KEYS
        ) + "}"
    except NoCanonicalForm as e:
        raise LineRefused(lineno, "no canonical form: %s" % e)
    if form.encode("utf-8") != raw:
        raise LineRefused(lineno, "not the canonical form of the event it parses to")
    return v


def read_history(path: str):
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


# --------------------------------------------------------------------------------------------
# Seal data shapes (§3, §5, docs/events.md)

HEX64 = re.compile(r"[0-9a-f]{64}")
TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})")
DOMAIN_TYPES = {"RoundOpened", "FundsCommitted", "FundsReleased", "RoundClosed", "RoundBudgetAdjusted",
                "FundsCarriedOver", "FundsCarriedIn", "GrantApplied", "ApplicationEvaluated",
                "GrantAwarded", "GrantRejected", "GrantDisbursed", "BenefitsReported",
                "ConditionsAccepted", "AwardAmended", "DisbursementReversed", "RepaymentClaimed",
                "RepaymentReceived", "GrantClosed", "ApplicationWithdrawn", "AwardRenounced",
                "ApplicationDismissed", "DecisionAppealed", "AppealUpheld", "AppealDismissed",
                "ConflictOfInterestDeclared"}


def _hex64(v) -> bool:
    return isinstance(v, str) and HEX64.fullmatch(v) is not None


def _count(v) -> bool:
    return _is_int(v) and v >= 0


def _time(v) -> bool:
    return isinstance(v, str) and TIME.fullmatch(v) is not None


def _text(v) -> bool:
    """events.md "text": at least one non-blank character."""
    return isinstance(v, str) and v.strip() != ""


def _b64(v) -> bool:
    return b64decode_strict(v) is not None


def metadata_shape_error(md) -> str | None:
    """The metadata table of docs/events.md ("every event")."""
    if not isinstance(md, dict):
        return "metadata is not an object"
    for k in ("commandId", "correlationId", "causationId", "actor"):
        if not _text(md.get(k)):
            return "metadata.%s is not a text" % k
    sv = md.get("schemaVersion")
    if not isinstance(sv, (int, float)) or isinstance(sv, bool):
        return "metadata.schemaVersion is not a number"
    if "prevHash" not in md or not (md["prevHash"] is None or _hex64(md["prevHash"])):
        return "metadata.prevHash is not null or 64 hex digits"
    if not _hex64(md.get("hash")):
        return "metadata.hash is not 64 hex digits"
    return None


def seal_shape_error(data) -> str | None:
    if not isinstance(data, dict):
        return "seal data is not an object"
    if "version" in data:
        if data["version"] != 2 or not _is_int(data["version"]):
            return "version is not 2"
        for k in ("treeSize", "position"):
            if not _count(data.get(k)):
                return "%s is not a non-negative integer" % k
        if "last" not in data:
            return "last missing"
        last = data["last"]
        if last is not None:
            if not isinstance(last, dict) or not isinstance(last.get("streamName"), str) \
                    or not _count(last.get("revision")) or not _hex64(last.get("eventHash")):
                return "last is not {streamName, revision, eventHash}"
        if not _hex64(data.get("root")):
            return "root is not 64 hex digits"
        fr = data.get("frontier")
        if not isinstance(fr, list) or not all(_hex64(f) for f in fr):
            return "frontier is not a list of 64 hex digits"
        if not _time(data.get("sealedAt")):
            return "sealedAt is not a time with a zone"
        if "signature" in data:
            s = data["signature"]
            if not isinstance(s, dict) or s.get("algorithm") != "ed25519" \
                    or not _hex64(s.get("keyId")) or not _b64(s.get("publicKey")) or not _b64(s.get("value")):
                return "signature is not {algorithm: ed25519, keyId, publicKey, value}"
        return None
    for k in ("position", "streams"):
        if not _count(data.get(k)):
            return "%s is not a non-negative integer" % k
    if not _hex64(data.get("root")):
        return "root is not 64 hex digits"
    if not _time(data.get("sealedAt")):
        return "sealedAt is not a time with a zone"
    return None


def v1_root(heads: dict) -> bytes:
    """§5: heads = {streamName: (revision, hash)}, streams other than `seal`."""
    names = sorted(heads.keys(), key=lambda s: s.encode("utf-8", "surrogatepass"))
    leaves = [sha256(b"\x00" + canonical_bytes({"hash": heads[s][1], "revision": heads[s][0],
                                                "streamName": s})) for s in names]
    return mth(leaves)


# --------------------------------------------------------------------------------------------
# verify (§4.2, §5)

V2_WINDOW = 1_048_576
V1_ROLLBACK = 65_536


class Break(Exception):
    def __init__(self, kind, stream=None, revision=None, position=None, line=None, detail=""):
        super().__init__(detail)
        self.kind, self.stream, self.revision, self.position = kind, stream, revision, position
        self.line, self.detail = line, detail

    def as_json(self):
        return {"intact": False, "kind": self.kind, "streamName": self.stream,
                "revision": self.revision, "position": self.position, "line": self.line}


def parse_root_at(s: str):
    root, sep, pos = s.rpartition("@")
    if not sep or not re.fullmatch(r"-?\d+", pos):
        raise SystemExit("bad ROOT@POSITION: %r" % s)
    return root, int(pos)


class History:
    """The result of a verification pass: everything the prover needs."""

    def __init__(self):
        self.events = []       # (stream, revision, position, event dict, line)
        self.leaves = []       # leaf hashes, in global order
        self.hashes = []       # event hashes, in global order
        self.v2_seals = []     # (seal data, own index) of verified version-2 seals
        self.seal_count = 0


_RECORDED_TIME = re.compile(r"^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def recorded_time_ok(value) -> bool:
    """§2/§4.2: a recorded time is a real UTC instant written YYYY-MM-DDTHH:MM:SS.sssZ."""
    if not isinstance(value, str) or not _RECORDED_TIME.match(value):
        return False
    import datetime
    try:
        datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        return False
    return True


def verify_history(path: str, expect_roots=(), trusted=None) -> History:
    """Raises Break at the first break; returns the History when intact."""
    try:
        lines = read_history(path)
    except OSError as e:
        raise SystemExit("cannot read %s: %s" % (path, e))
    h = History()
    heads = {}           # stream -> (revision, hash)
    last_pos = None
    prev_v2_size = None
    for i, raw in enumerate(lines):
        lineno = i + 1
        try:
            ev = read_line(raw, lineno)
        except LineRefused as e:
            raise Break("line", line=e.line, detail=e.reason)
        s, r, p = ev["streamName"], ev["revision"], ev["position"]

        def brk(kind, detail=""):
            return Break(kind, s, r, p, lineno, detail)

        # 1. position-order
        if last_pos is not None and p <= last_pos:
            raise brk("position-order", "position %d after %d" % (p, last_pos))
        # 2. revision-gap
        expected_rev = heads[s][0] + 1 if s in heads else 0
        if r != expected_rev:
            raise brk("revision-gap", "expected revision %d" % expected_rev)
        # 3. undecodable (only what the documents make checkable without the codecs): the metadata
        # table of events.md, a type the catalogue names, SealRecorded exactly in stream `seal`
        # (§3: "an event of type SealRecorded in stream seal"), and the seal data shapes.
        is_seal = ev["type"] == "SealRecorded" and s == "seal"
        if not recorded_time_ok(ev["recordedAt"]):
            raise brk("undecodable", "recordedAt %r is not YYYY-MM-DDTHH:MM:SS.sssZ" % ev["recordedAt"])
        md = ev["metadata"]
        err = metadata_shape_error(md)
        if err:
            raise brk("undecodable", err)
        if (s == "seal") != (ev["type"] == "SealRecorded"):
            raise brk("undecodable", "stream seal holds SealRecorded events only, and only it")
        if ev["type"] != "SealRecorded" and ev["type"] not in DOMAIN_TYPES:
            raise brk("undecodable", "no codec for type %r" % ev["type"])
        if is_seal:
            err = seal_shape_error(ev["data"])
            if err:
                raise brk("undecodable", err)
        # 4. chain-link
        want_prev = heads[s][1] if s in heads else None
        if md["prevHash"] != want_prev:
            raise brk("chain-link", "prevHash %r, expected %r" % (md.get("prevHash"), want_prev))
        # 5. content-hash
        try:
            computed = event_hash(s, r, ev["id"], ev["type"], ev["data"], md)
        except NoCanonicalForm as e:
            raise brk("content-hash", "no hash: %s" % e)
        if md.get("hash") != computed:
            raise brk("content-hash", "hash %r, computed %s" % (md.get("hash"), computed))
        m = len(h.leaves)
        # 6. version-2 seal / 7. version-1 seal
        if is_seal:
            d = ev["data"]
            h.seal_count += 1
            if "version" in d:
                n = d["treeSize"]
                if n > m:
                    raise brk("seal-root", "covers %d events, only %d before it" % (n, m))
                if prev_v2_size is not None and n < prev_v2_size:
                    raise brk("seal-order", "tree size %d below an earlier seal's %d" % (n, prev_v2_size))
                if m - n > V2_WINDOW:
                    raise brk("seal-order", "tree size %d more than %d behind %d" % (n, V2_WINDOW, m))
                prefix = h.leaves[:n]
                if mth(prefix).hex() != d["root"]:
                    raise brk("seal-root", "root differs")
                if [f.hex() for f in frontier_of(prefix)] != d["frontier"]:
                    raise brk("seal-root", "frontier differs")
                if n == 0:
                    want_last = None
                else:
                    le = h.events[n - 1]
                    want_last = {"streamName": le[0], "revision": le[1], "eventHash": h.hashes[n - 1]}
                got_last = None if d["last"] is None else {k: d["last"][k] for k in ("streamName", "revision", "eventHash")}
                if got_last != want_last:
                    raise brk("seal-root", "last event differs")
                if "signature" in d:
                    valid, trusted_ok, why = check_signature(d["signature"], d["root"], d["sealedAt"], n, trusted)
                    if not valid or trusted_ok is False:
                        raise brk("seal-signature", why)
                    if trusted_ok:
                        h.signed_by_trusted = True
                prev_v2_size = n
                h.v2_seals.append((d, m))
            else:
                P = d["position"]
                if P >= p:
                    raise brk("seal-order", "position %d not below the seal's own %d" % (P, p))
                later = 0
                for (_, _, q, _, _) in reversed(h.events):
                    if q <= P:
                        break
                    later += 1
                if later > V1_ROLLBACK:
                    raise brk("seal-order", "more than %d events after position %d" % (V1_ROLLBACK, P))
                if v1_root(heads_at(h, P)).hex() != d["root"]:
                    raise brk("seal-root", "version-1 root differs")
        # 8. the event becomes leaf m
        h.leaves.append(leaf_hash(computed, m, ev["recordedAt"]))
        h.hashes.append(computed)
        h.events.append((s, r, p, ev, lineno))
        heads[s] = (r, computed)
        last_pos = p

    for root, P in expect_roots:
        if not kept_root_holds(h, root, P):
            raise Break("expected-root", None, None, P, None, "kept root %s@%d does not hold" % (root, P))
    if trusted is not None and not getattr(h, "signed_by_trusted", False):
        raise Break("seal-signature", "seal", detail="no signed seal")
    return h


def heads_at(h: History, P: int) -> dict:
    heads = {}
    for (s, r, q, _, _), hh in zip(h.events, h.hashes):
        if q > P:
            break
        if s != "seal":
            heads[s] = (r, hh)
    return heads


def kept_root_holds(h: History, root: str, P: int) -> bool:
    c = sum(1 for e in h.events if e[2] <= P)
    if mth(h.leaves[:c]).hex() == root:
        return True
    if v1_root(heads_at(h, P)).hex() == root:
        return True
    return any(d["root"] == root and d["position"] == P for d, _ in h.v2_seals)


def cmd_verify(args) -> int:
    trusted = [decode_key_arg(k) for k in args.public_key_der_b64] if args.public_key_der_b64 else None
    roots = [parse_root_at(x) for x in args.expect_root]
    try:
        h = verify_history(args.file, roots, trusted)
    except Break as b:
        print(json.dumps(b.as_json(), ensure_ascii=False))
        print("history broken: %s: %s" % (b.kind, b.detail), file=sys.stderr)
        return 1
    n = len(h.leaves)
    print(json.dumps({"intact": True, "events": n, "seals": h.seal_count, "root": mth(h.leaves).hex(),
                      "treeSize": n}))
    return 0


def decode_key_arg(b64: str) -> bytes:
    der = b64decode_strict(b64)
    if der is None or len(der) != 44 or not der.startswith(ED25519_SPKI_PREFIX):
        raise SystemExit("not a base64 DER Ed25519 SubjectPublicKeyInfo: %r" % b64)
    return der


# --------------------------------------------------------------------------------------------
# Proofs (§6)


def proof_seal(d: dict) -> dict:
    out = {"treeSize": d["treeSize"], "root": d["root"], "position": d["position"], "sealedAt": d["sealedAt"]}
    if "signature" in d:
        out["signature"] = d["signature"]
    return out


def find_seal(h: History, position: int) -> dict:
    found = [d for d, _ in h.v2_seals if d["position"] == position]
    if not found:
        raise SystemExit("no version-2 seal covers position %d" % position)
    return found[-1]


def verified_or_exit(path: str) -> History:
    try:
        return verify_history(path)
    except Break as b:
        raise SystemExit("history broken: %s at %s@%s (position %s), line %s: %s"
                         % (b.kind, b.stream, b.revision, b.position, b.line, b.detail))


def cmd_prove_inclusion(args) -> int:
    h = verified_or_exit(args.file)
    stream, sep, rev = args.event.rpartition("@")
    if not sep or not rev.isdigit():
        raise SystemExit("bad STREAM@REVISION: %r" % args.event)
    d = find_seal(h, args.seal)
    idx = next((i for i, e in enumerate(h.events) if e[0] == stream and e[1] == int(rev)), None)
    if idx is None:
        raise SystemExit("no event %s" % args.event)
    if idx >= d["treeSize"]:
        raise SystemExit("event %s (index %d) is not covered by the seal (tree size %d)"
                         % (args.event, idx, d["treeSize"]))
    ev = h.events[idx][3]
    proof = {
        "proof": "grantledger-inclusion-proof", "version": 2, "seal": proof_seal(d),
        "leaf": {"index": idx, "recordedAt": ev["recordedAt"], "eventHash": h.hashes[idx]},
        "event": {k: ev[k] for k in ("streamName", "revision", "id", "type", "data", "metadata")},
        "path": [x.hex() for x in inclusion_path(idx, h.leaves[:d["treeSize"]])],
    }
    print(json.dumps(proof, ensure_ascii=False, indent=2))
    return 0


def cmd_prove_consistency(args) -> int:
    h = verified_or_exit(args.file)
    a, b = find_seal(h, args.from_seal), find_seal(h, args.to_seal)
    if a["treeSize"] > b["treeSize"]:
        raise SystemExit("the first seal is larger than the second")
    proof = {"proof": "grantledger-consistency-proof", "version": 2, "from": proof_seal(a), "to": proof_seal(b),
             "path": [x.hex() for x in consistency_path(a["treeSize"], h.leaves[:b["treeSize"]])]}
    print(json.dumps(proof, ensure_ascii=False, indent=2))
    return 0


def _hexes(v) -> list[bytes] | None:
    if not isinstance(v, list) or not all(_hex64(x) for x in v):
        return None
    return [bytes.fromhex(x) for x in v]


def anchor_seal(seal, roots, trusted) -> tuple[bool, str]:
    """§6.1 step 3: a kept root matching root and position, or a valid signature by a given key;
    a signature present that does not verify fails."""
    if not isinstance(seal, dict) or not _count(seal.get("treeSize")) or not _hex64(seal.get("root")) \
            or not _is_int(seal.get("position")) or not isinstance(seal.get("sealedAt"), str):
        return False, "malformed proof seal"
    signed_ok = False
    if "signature" in seal:
        valid, _, why = check_signature(seal["signature"], seal["root"], seal["sealedAt"], seal["treeSize"], None)
        if not valid:
            return False, "seal signature: " + why
        der = b64decode_strict(seal["signature"]["publicKey"])
        signed_ok = der in (trusted or [])
    if any(r == seal["root"] and p == seal["position"] for r, p in roots):
        return True, "anchored by a kept root"
    if signed_ok:
        return True, "anchored by a trusted signature"
    return False, "seal %s@%d is anchored by no kept root and no trusted key" % (seal["root"], seal["position"])


def check_proof(proof, roots, trusted) -> tuple[bool, str]:
    if not isinstance(proof, dict):
        return False, "not a proof object"
    kind = proof.get("proof")
    if proof.get("version") != 2:
        return False, "not a version-2 proof"
    if kind == "grantledger-inclusion-proof":
        ev, leaf, seal = proof.get("event"), proof.get("leaf"), proof.get("seal")
        path = _hexes(proof.get("path"))
        if not isinstance(ev, dict) or not isinstance(leaf, dict) or not isinstance(seal, dict) or path is None:
            return False, "malformed inclusion proof"
        md = ev.get("metadata")
        if not isinstance(md, dict) or not all(k in ev for k in ("streamName", "revision", "id", "type", "data")):
            return False, "malformed event"
        try:
            eh = event_hash(ev["streamName"], ev["revision"], ev["id"], ev["type"], ev["data"], md)
        except NoCanonicalForm as e:
            return False, "event has no hash: %s" % e
        if eh != leaf.get("eventHash"):
            return False, "event hash %s is not leaf.eventHash" % eh
        if eh != md.get("hash"):
            return False, "event hash %s is not event.metadata.hash" % eh
        if not _count(leaf.get("index")) or not isinstance(leaf.get("recordedAt"), str) \
                or not _count(seal.get("treeSize")) or not _hex64(seal.get("root")):
            return False, "malformed leaf or seal"
        lh = leaf_hash(eh, leaf["index"], leaf["recordedAt"])
        if not verify_inclusion(leaf["index"], seal["treeSize"], lh, path, bytes.fromhex(seal["root"])):
            return False, "inclusion path does not lead to the seal's root"
        ok, why = anchor_seal(seal, roots, trusted)
        return (True, "included; " + why) if ok else (False, why)
    if kind == "grantledger-consistency-proof":
        a, b = proof.get("from"), proof.get("to")
        path = _hexes(proof.get("path"))
        if not isinstance(a, dict) or not isinstance(b, dict) or path is None:
            return False, "malformed consistency proof"
        for s in (a, b):
            if not _count(s.get("treeSize")) or not _hex64(s.get("root")):
                return False, "malformed proof seal"
        if not verify_consistency(a["treeSize"], b["treeSize"], bytes.fromhex(a["root"]),
                                  bytes.fromhex(b["root"]), path):
            return False, "consistency path does not hold"
        for name, s in (("from", a), ("to", b)):
            ok, why = anchor_seal(s, roots, trusted)
            if not ok:
                return False, name + ": " + why
        return True, "consistent; both seals anchored"
    return False, "unknown proof kind %r" % (kind,)


def cmd_check_proof(args) -> int:
    trusted = [decode_key_arg(k) for k in args.public_key_der_b64]
    roots = [parse_root_at(x) for x in args.root]
    try:
        with open(args.proof_file, "rb") as f:
            proof = parse_json_text(f.read().decode("utf-8"))
    except (OSError, ValueError) as e:
        print(json.dumps({"holds": False, "reason": "cannot read proof: %s" % e}))
        return 1
    holds, reason = check_proof(proof, roots, trusted)
    print(json.dumps({"holds": holds, "reason": reason}, ensure_ascii=False))
    return 0 if holds else 1


# --------------------------------------------------------------------------------------------
# selftest: the worked examples of docs/audit.md


def cmd_selftest(_args) -> int:
    import os
    import tempfile

    failures = []

    def check(name, got, want):
        if got != want:
            failures.append(name)
            print("FAIL %s\n  got  %r\n  want %r" % (name, got, want), file=sys.stderr)

    # §1 event hash
    e1 = {
        "id": "0b7f3c52-8a1e-5d6f-9c2b-4e7a1d3f5b68", "type": "GrantAwarded",
        "data": {"grantId": "ebygg", "roundId": "krise-2009-1", "amount": 330000000,
                 "disbursementPlan": [{"due": "2009-09-01", "amount": 330000000}],
                 "conditions": ["Sluttrapport innen 2011-12-31"], "awardedAt": "2009-06-19T12:00:00+02:00"},
        "metadata": {"commandId": "award-ebygg", "correlationId": "award-ebygg", "causationId": "award-ebygg",
                     "actor": "direktør@difi", "schemaVersion": 1,
                     "prevHash": "9f1c2d3e4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff",
                     "hash": "821c49b7c140480195c19e5075eefe902e3401ce1b0cba8aec1f07be524d1b7d"},
    }
    want_bytes = ('{"data":{"amount":330000000,"awardedAt":"2009-06-19T12:00:00+02:00","conditions":["Sluttrapport '
                  'innen 2011-12-31"],"disbursementPlan":[{"amount":330000000,"due":"2009-09-01"}],"grantId":"ebygg",'
                  '"roundId":"krise-2009-1"},"id":"0b7f3c52-8a1e-5d6f-9c2b-4e7a1d3f5b68","metadata":{"actor":"direkt'
                  'ør@difi","causationId":"award-ebygg","commandId":"award-ebygg","correlationId":"award-ebygg","prev'
                  'Hash":"9f1c2d3e4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff","schemaVersion":1},"revisio'
                  'n":2,"streamName":"grant-ebygg","type":"GrantAwarded"}').encode("utf-8")
    md_wo = {k: v for k, v in e1["metadata"].items() if k != "hash"}
    got_bytes = canonical_bytes({"streamName": "grant-ebygg", "revision": 2, "id": e1["id"], "type": e1["type"],
                                 "data": e1["data"], "metadata": md_wo})
    check("§1 canonical bytes", got_bytes, want_bytes)
    check("§1 ø is c3 b8", b"\xc3\xb8" in got_bytes, True)
    H1 = "821c49b7c140480195c19e5075eefe902e3401ce1b0cba8aec1f07be524d1b7d"
    check("§1 hash", event_hash("grant-ebygg", 2, e1["id"], e1["type"], e1["data"], e1["metadata"]), H1)

    # §2 leaves and roots
    H0 = "9f1c2d3e4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff"
    Hb = "5d41402abc4b2a76b9719d911017c592aa6b1f3e2a1c7d8e9f00112233445566"
    times = ["2009-06-01T00:00:00.000Z", "2009-06-01T00:01:00.000Z", "2009-06-01T00:02:00.000Z"]
    rows = [(H0, "5c51664236e4bca218f65fadb68bf1fb5f6914bdd4f5d295bc1bc53ff3a20ba9"),
            (Hb, "5febc8267f0bcaa3da495cbfcd7539f1ed31d7e034e8ca82cf2270b0c3a685d9"),
            (H1, "a7eaed2f1d74fdf90211dc48624981a09e91510952eb59808443c040a7139c28")]
    leaves = []
    for i, (eh, want) in enumerate(rows):
        check("§2 leaf %d bytes" % i, leaf_bytes(eh, i, times[i]),
              ('{"eventHash":"%s","index":%d,"recordedAt":"%s"}' % (eh, i, times[i])).encode())
        lh = leaf_hash(eh, i, times[i])
        check("§2 leaf %d hash" % i, lh.hex(), want)
        leaves.append(lh)
    ROOT2 = "e76dbcc5c9242c8d7d9219fd273fd8b38983038c26bda143a74b50a78ec81fb2"
    ROOT3 = "9c7b4cd883219826cfc3a9dabb4595ded3a2ccc14a2e5e1a51ec47c2fdcbb24d"
    check("§2 empty root", mth([]).hex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    check("§2 root of 2", mth(leaves[:2]).hex(), ROOT2)
    check("§2 root of 3", mth(leaves).hex(), ROOT3)

    # §3 frontier, signed tree head, signature
    fr = frontier_of(leaves)
    check("§3 frontier", [f.hex() for f in fr], [ROOT2, rows[2][1]])
    check("§3 frontier folds to root", fold_frontier(fr).hex(), ROOT3)
    six = [sha256(bytes([i])) for i in range(6)]
    check("§3 frontier n=6", frontier_of(six), [mth(six[:4]), mth(six[4:])])
    check("§3 frontier n=6 folds", fold_frontier(frontier_of(six)), mth(six))
    sealed_at = "2011-02-01T12:00:00+01:00"
    sth = signed_tree_head(ROOT3, sealed_at, 3)
    check("§3 signed tree head", sth, ('{"root":"%s","sealedAt":"2011-02-01T12:00:00+01:00","treeSize":3,'
                                       '"type":"grantledger-seal","version":2}' % ROOT3).encode())
    sig = {"algorithm": "ed25519", "keyId": "fd110d301d2f077de1414b8f99f441b1403fab207b2052fbd2c065e4ee8e7dc2",
           "publicKey": "MCowBQYDK2VwAyEAiojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1w=",
           "value": "lJu9pfLsubpwoy7CeM0dJuAWM0FcDBtKC9IUm+Z7yo4QLVs/nmIAEhx/D9+2wqghJSq6UbV7UJOntbG7GMpnCQ=="}
    der = base64.b64decode(sig["publicKey"])
    pkcs8 = base64.b64decode("MC4CAQAwBQYDK2VwBCIEIAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB")
    check("§3 example seed is 0x01 * 32", pkcs8[-32:], b"\x01" * 32)
    check("§3 public key of the example seed", ed25519_public_from_seed(pkcs8[-32:]), der[-32:])
    check("§3 keyId", hashlib.sha256(der).hexdigest(), sig["keyId"])
    check("§3 signature verifies", ed25519_verify(der[-32:], sth, base64.b64decode(sig["value"])), True)
    check("§3 signature over another tree size fails",
          ed25519_verify(der[-32:], signed_tree_head(ROOT3, sealed_at, 4), base64.b64decode(sig["value"])), False)
    check("§3 check_signature, trusted", check_signature(sig, ROOT3, sealed_at, 3, [der])[:2], (True, True))
    check("§3 check_signature, other key trusted",
          check_signature(sig, ROOT3, sealed_at, 3, [ED25519_SPKI_PREFIX + b"\x00" * 32])[:2], (True, False))
    # RFC 8032 §7.1 test 1 (empty message), so the verifier is not checked on one vector only
    check("RFC 8032 test 1", ed25519_verify(
        bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"), b"",
        bytes.fromhex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                      "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")), True)

    # §5 version-1 root
    heads = {"grant-ebygg": (2, H1), "round-krise-2009-1": (1, Hb)}
    names = sorted(heads, key=lambda s: s.encode())
    v1l = [sha256(b"\x00" + canonical_bytes({"hash": heads[s][1], "revision": heads[s][0], "streamName": s}))
           for s in names]
    check("§5 leaf 0", v1l[0].hex(), "b07adb8135ecc4e7a5f1b2fa7cf03c14609ffc335c24de67b0fcb1e691e6eadf")
    check("§5 leaf 1", v1l[1].hex(), "51df23e8026aef56be9203ee765b541911c6e19434ebda37e8a6d93b890378d9")
    check("§5 root", v1_root(heads).hex(), "d3a628c502afb5af596eb81003003e0cf15658906f7a2ff3cca896716ddc39a7")

    # §6 proofs
    check("§6.1 path of leaf 0", [x.hex() for x in inclusion_path(0, leaves)], [rows[1][1], rows[2][1]])
    check("§6.1 path of leaf 2", [x.hex() for x in inclusion_path(2, leaves)], [ROOT2])
    check("§6.1 leaf 0 path folds", node(node(leaves[0], leaves[1]), leaves[2]).hex(), ROOT3)
    for i in range(3):
        check("§6.1 verify leaf %d" % i,
              verify_inclusion(i, 3, leaves[i], inclusion_path(i, leaves), bytes.fromhex(ROOT3)), True)
    check("§6.1 index not below size fails", verify_inclusion(3, 3, leaves[2], [ROOT2], bytes.fromhex(ROOT3)), False)
    check("§6.1 wrong-length path fails",
          verify_inclusion(0, 3, leaves[0], inclusion_path(0, leaves)[:1], bytes.fromhex(ROOT3)), False)
    seal6 = {"treeSize": 3, "root": ROOT3, "position": 2, "sealedAt": sealed_at}
    ev2 = {"streamName": "grant-ebygg", "revision": 2, "id": e1["id"], "type": e1["type"], "data": e1["data"],
           "metadata": e1["metadata"]}
    p2 = {"proof": "grantledger-inclusion-proof", "version": 2, "seal": seal6,
          "leaf": {"index": 2, "recordedAt": times[2], "eventHash": H1}, "event": ev2, "path": [ROOT2]}
    check("§6.1 proof of leaf 2 with kept root", check_proof(p2, [(ROOT3, 2)], [])[0], True)
    check("§6.1 proof of leaf 2, root at another position", check_proof(p2, [(ROOT3, 3)], [])[0], False)
    check("§6.1 proof of leaf 2, no anchor", check_proof(p2, [], [])[0], False)
    p2s = dict(p2, seal=dict(seal6, signature=sig))
    check("§6.1 proof anchored by the example key", check_proof(p2s, [], [der])[0], True)
    p2bad = dict(p2, seal=dict(seal6, signature=sig, sealedAt="2011-02-01T12:00:01+01:00"))
    check("§6.1 signature present that does not verify fails", check_proof(p2bad, [(ROOT3, 2)], [der])[0], False)
    p2alt = json.loads(json.dumps(p2))
    p2alt["event"]["data"]["amount"] = 330000001
    check("§6.1 changed event fails", check_proof(p2alt, [(ROOT3, 2)], [])[0], False)
    check("§6.2 path 2 -> 3", [x.hex() for x in consistency_path(2, leaves)], [rows[2][1]])
    r2, r3 = bytes.fromhex(ROOT2), bytes.fromhex(ROOT3)
    check("§6.2 verify 2 -> 3", verify_consistency(2, 3, r2, r3, [leaves[2]]), True)
    check("§6.2 wrong old root fails", verify_consistency(2, 3, r3, r3, [leaves[2]]), False)
    check("§6.2 from 0", verify_consistency(0, 3, EMPTY_ROOT, r3, []), True)
    check("§6.2 equal sizes", verify_consistency(3, 3, r3, r3, []), True)
    check("§6.2 equal sizes, other roots", verify_consistency(3, 3, r2, r3, []), False)
    check("§6.2 larger from fails", verify_consistency(3, 2, r3, r2, []), False)
    # all pairs over a bigger tree, against RFC 9162's own definitions
    big = [sha256(b"leaf%d" % i) for i in range(23)]
    for n in range(1, 24):
        for i in range(n):
            if not verify_inclusion(i, n, big[i], inclusion_path(i, big[:n]), mth(big[:n])):
                check("inclusion %d in %d" % (i, n), False, True)
        for m in range(0, n + 1):
            if not verify_consistency(m, n, mth(big[:m]), mth(big[:n]), consistency_path(m, big[:n])):
                check("consistency %d -> %d" % (m, n), False, True)
            if 0 < m < n and verify_consistency(m, n, mth(big[1:m + 1]), mth(big[:n]), consistency_path(m, big[:n])):
                check("forged consistency %d -> %d accepted" % (m, n), True, False)
    cp = {"proof": "grantledger-consistency-proof", "version": 2,
          "from": {"treeSize": 2, "root": ROOT2, "position": 1, "sealedAt": sealed_at},
          "to": seal6, "path": [rows[2][1]]}
    check("§6.2 consistency proof with both roots kept", check_proof(cp, [(ROOT2, 1), (ROOT3, 2)], [])[0], True)
    check("§6.2 consistency proof with one root kept", check_proof(cp, [(ROOT3, 2)], [])[0], False)

    # RFC 8785 details
    check("8785 escapes", canonical("\"\\\b\f\n\r\t\x01\x1f\x7fé€😀"), '"\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\x7fé€😀"')
    check("8785 utf-16 key order", canonical({"\ue000": 1, "😀": 2, "a": 3}), '{"a":3,"😀":2,"\ue000":1}')
    check("8785 numbers", [_js_number(x) for x in (1e21, 1e20, 0.5, 1.5e-7, 123.0, -2.0, 2.0**60)],
          ["1e+21", "100000000000000000000", "0.5", "1.5e-7", "123", "-2", "1152921504606847000"])
    check("8785 big int", canonical(9007199254740993), "9007199254740992")
    try:
        canonical("\ud800")
        check("8785 lone surrogate has no form", False, True)
    except NoCanonicalForm:
        pass

    # a synthetic history through verify, and lines the reader must refuse
    def mkevent(stream, rev, pos, typ, data, prev, t):
        md = {"commandId": "c%d" % pos, "correlationId": "c", "causationId": "c", "actor": "a",
              "schemaVersion": 1, "prevHash": prev}
        md["hash"] = event_hash(stream, rev, "id-%d" % pos, typ, data, md)
        return {"streamName": stream, "revision": rev, "position": pos, "id": "id-%d" % pos, "type": typ,
                "data": data, "metadata": md, "recordedAt": t}

    def line_of(ev):
        return "{" + ",".join('"%s":%s' % (k, canonical(ev[k])) for k in LINE_KEYS) + "}"

    evs = [mkevent("round-r", 0, 1, "RoundOpened", {"roundId": "r"}, None, "2020-01-01T00:00:00.000Z"),
           mkevent("grant-g", 0, 2, "GrantApplied", {"grantId": "g"}, None, "2020-01-01T00:00:01.000Z")]
    evs.append(mkevent("grant-g", 1, 3, "ApplicationEvaluated", {"grantId": "g"}, evs[1]["metadata"]["hash"],
                       "2020-01-01T00:00:02.000Z"))
    lv = [leaf_hash(e["metadata"]["hash"], i, e["recordedAt"]) for i, e in enumerate(evs)]
    seal_data = {"version": 2, "treeSize": 3, "position": 3,
                 "last": {"streamName": "grant-g", "revision": 1, "eventHash": evs[2]["metadata"]["hash"]},
                 "root": mth(lv).hex(), "frontier": [f.hex() for f in frontier_of(lv)],
                 "sealedAt": "2020-01-01T01:00:00+01:00"}
    evs.append(mkevent("seal", 0, 4, "SealRecorded", seal_data, None, "2020-01-01T00:00:03.000Z"))
    evs.append(mkevent("grant-g", 2, 5, "GrantRejected", {"grantId": "g"}, evs[2]["metadata"]["hash"],
                       "2020-01-01T00:00:04.000Z"))
    good = [line_of(e) for e in evs]
    tmp = tempfile.mkdtemp()

    def run(lines_text: str | bytes, roots=(), trusted=None):
        path = os.path.join(tmp, "h.ndjson")
        with open(path, "wb") as f:
            f.write(lines_text if isinstance(lines_text, bytes) else lines_text.encode("utf-8"))
        try:
            hh = verify_history(path, roots, trusted)
            return ("intact", len(hh.leaves), mth(hh.leaves).hex())
        except Break as b:
            return (b.kind, b.stream, b.revision, b.line)

    ok = run("\n".join(good) + "\n")
    check("synthetic history intact", ok[:2], ("intact", 5))
    check("synthetic, last LF missing", run("\n".join(good))[:2], ("intact", 5))
    check("synthetic, kept root", run("\n".join(good), [(seal_data["root"], 3)])[0], "intact")
    check("synthetic, kept root now", run("\n".join(good), [(ok[2], 5)])[0], "intact")
    check("synthetic, wrong kept root", run("\n".join(good), [(ok[2], 4)])[0], "expected-root")
    check("synthetic, no signed seal", run("\n".join(good), (), [der])[0], "seal-signature")
    check("synthetic, blank line", run("\n".join(good) + "\n\n"), ("line", None, None, 6))
    check("synthetic, CRLF", run("\r\n".join(good))[0:4:3], ("line", 1))
    check("synthetic, BOM", run("\ufeff" + "\n".join(good))[0:4:3], ("line", 1))
    check("synthetic, space", run("\n".join(good[:2] + [good[2].replace('","revision"', '", "revision"')]))[0:4:3],
          ("line", 3))
    check("synthetic, escape", run("\n".join([good[0].replace('"round-r"', '"round-\\u0072"')]))[0:4:3], ("line", 1))
    check("synthetic, non-UTF-8", run(b"\n".join([good[0].encode(), b'\xff']))[0:4:3], ("line", 2))
    check("synthetic, removed middle", run("\n".join(good[:1] + good[2:]))[:3], ("revision-gap", "grant-g", 1))
    check("synthetic, removed last of stream before seal",
          run("\n".join(good[:2] + good[3:]))[:3], ("seal-root", "seal", 0))
    tampered = good[1].replace('"grantId":"g"', '"grantId":"h"')
    check("synthetic, changed data", run("\n".join(good[:1] + [tampered] + good[2:]))[:3],
          ("content-hash", "grant-g", 0))
    check("synthetic, position order", run("\n".join([good[1], good[0]]))[0], "position-order")
    check("synthetic, lone surrogate refused", run("\n".join([good[0].replace('"roundId":"r"', '"roundId":"\\ud800"')]))[0:4:3],
          ("line", 1))
    unknown = mkevent("notes-1", 0, 6, "NoteWritten", {"text": "hei"}, None, "2020-01-01T00:00:05.000Z")
    check("synthetic, type without a codec", run("\n".join(good + [line_of(unknown)]))[:3], ("undecodable", "notes-1", 0))

    if failures:
        print("selftest: %d failed" % len(failures), file=sys.stderr)
        return 1
    print("selftest: all worked examples of docs/audit.md match")
    return 0


# --------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="grantledger_audit.py", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("verify")
    v.add_argument("file")
    v.add_argument("--expect-root", action="append", default=[])
    v.add_argument("--public-key-der-b64", action="append", default=[])
    v.set_defaults(fn=cmd_verify)
    pi = sub.add_parser("prove-inclusion")
    pi.add_argument("file")
    pi.add_argument("--event", required=True)
    pi.add_argument("--seal", type=int, required=True)
    pi.set_defaults(fn=cmd_prove_inclusion)
    pc = sub.add_parser("prove-consistency")
    pc.add_argument("file")
    pc.add_argument("--from-seal", type=int, required=True)
    pc.add_argument("--to-seal", type=int, required=True)
    pc.set_defaults(fn=cmd_prove_consistency)
    cp = sub.add_parser("check-proof")
    cp.add_argument("proof_file")
    cp.add_argument("--root", action="append", default=[])
    cp.add_argument("--public-key-der-b64", action="append", default=[])
    cp.set_defaults(fn=cmd_check_proof)
    st = sub.add_parser("selftest")
    st.set_defaults(fn=cmd_selftest)
    args = ap.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
