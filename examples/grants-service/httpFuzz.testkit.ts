import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { COMMAND_ROUTES } from "./commandRoutes.js";
import * as body from "./requests.testkit.js";

/*
 * Requests as a hostile or careless client sends them, for the fuzz test of the HTTP API:
 * any method on a known route or none, odd ids and queries, odd headers, and bodies that are
 * random JSON, random bytes, deep nesting, huge strings, or a valid command with one field
 * replaced by anything at all.
 */

/** One request as it goes on the wire. */
export interface RawRequest {
  readonly method: string;
  /** The path and query, sent as they are (not normalised, not encoded again). */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** What came back. */
export interface RawAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

const QUERY_ROUTES = [
  "/municipalities",
  "/other-participants",
  "/schemes",
  "/schemes/:schemeId",
  "/rounds",
  "/rounds/:roundId",
  "/grants",
  "/grants/:grantId",
  "/grants/:grantId/benefits",
  "/grants/:grantId/obligations",
  "/grants/:grantId/history",
  "/obligations",
];

// Printable ASCII but space: what a request line may hold raw. `%` stays in, so a path can
// carry a broken percent-encoding (`%E0%A4%A`, `%zz`).
const urlChar = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));
const rawSegment = fc.string({ unit: urlChar, maxLength: 40 }).filter((text) => !/[/?#]/.test(text));

/** An id in a path: a known one, a tricky one, any text encoded, or raw characters. */
const id = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("ebygg", "krise-2009-1", "krisepakke-2009", "krav-1") },
  { weight: 2, arbitrary: fc.constantFrom("..", ".", "%2e%2e", "%", "%E0%A4%A", "%00", "%ff", "%ud800", "__proto__", "constructor", "") },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }).map(encodeURIComponent) },
  { weight: 2, arbitrary: rawSegment },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 3000 }).map((length) => "a".repeat(length)) },
);

const query = fc.option(
  fc
    .array(fc.tuple(fc.constantFrom("round", "scheme", "on", "x", "round[]"), fc.oneof(rawSegment, fc.constantFrom("2011-06-01", "2011-02-30", "krise-2009-1"))), { maxLength: 3 })
    .map((pairs) => `?${pairs.map(([name, value]) => `${name}=${value}`).join("&")}`),
  { nil: "" },
);

// A function, not a string, as the replacement: an id may hold `$&` or `$1`.
const path = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...COMMAND_ROUTES.map((route) => route.path), ...QUERY_ROUTES), id, id, query) },
  { weight: 1, arbitrary: fc.tuple(fc.array(rawSegment, { maxLength: 5 }).map((segments) => `/${segments.join("/")}`), id, id, query) },
).map(([template, first, second, search]) => template.replace(/:(grantId|roundId|schemeId)/, () => first).replace(":claimId", () => second) + search);

const method = fc.oneof(
  { weight: 5, arbitrary: fc.constant("POST") },
  { weight: 3, arbitrary: fc.constant("GET") },
  { weight: 2, arbitrary: fc.constantFrom("PUT", "DELETE", "PATCH", "HEAD", "OPTIONS") },
);

// A header value: tab, printable ASCII and Latin-1 (what HTTP/1.1 carries), never CR or LF.
const headerUnit = fc.oneof(
  fc.constant("\t"),
  fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0xa0, max: 0xff }).map((code) => String.fromCharCode(code)),
);
const headerValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: headerUnit, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 150, max: 4000 }).map((length) => "x".repeat(length)) },
);
const headerName = fc.oneof(
  fc.constantFrom("X-Actor", "Idempotency-Key", "Content-Type", "Authorization", "Accept", "Content-Encoding", "Transfer-Encoding", "Expect", "X-Forwarded-For"),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/),
);

/** Random headers; `authorization` gives the Authorization header its likely values. */
const headers = (authorization: fc.Arbitrary<string>): fc.Arbitrary<Record<string, string>> =>
  fc
    .tuple(
      fc.option(headerValue.map((actor) => actor.trim() === "" ? "saksbehandler@difi.no" : actor), { nil: undefined }),
      fc.option(authorization, { nil: undefined }),
      fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
    )
    .map(([actor, auth, others]) => {
      const sent: Record<string, string> = {};
      // Node refuses to send a few framing headers with made-up values; they are not the service's to meet.
      for (const [name, value] of Object.entries(others)) if (!/^(transfer-encoding|content-length|expect|content-encoding)$/i.test(name)) sent[name.toLowerCase()] = value;
      if (actor !== undefined) sent["x-actor"] = actor;
      if (auth !== undefined) sent.authorization = auth;
      return sent;
    });

/** Where each command the seeded store can take is posted, with a body it would take. */
const VALID_COMMANDS: readonly (readonly [string, Record<string, unknown>])[] = [
  ["/rounds", body.openRound("krise-2009-2")],
  ["/grants", body.apply("kartportal")],
  ["/grants/ebygg/evaluation", body.evaluate()],
  ["/grants/ebygg/award", body.award()],
  ["/grants/ebygg/disbursements", body.disburse()],
  ["/grants/ebygg/benefit-reports", body.reportBenefits()],
  ["/grants/ebygg/withdrawal", { reason: "Prosjektet er lagt ned", withdrawnAt: "2009-05-01T10:00:00+02:00" }],
  ["/grants/ebygg/conflicts-of-interest", { evaluator: "fagpanel@difi.no", reason: "Inhabil", declaredAt: "2009-04-20T10:00:00+02:00" }],
];

// Stands for a deeply nested value until the body is text: built as a value, it would nest the
// test's own JSON.stringify as deep.
const DEEP = "\u0001deep\u0001";
const deepText = fc
  .tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth)));

/** A valid body with one field, at the top or one level down, replaced by anything (or a new one added). */
const mutatedFrom = (valid: Readonly<Record<string, unknown>>) =>
  fc.tuple(
    fc.oneof({ weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) }, { weight: 1, arbitrary: fc.constant(DEEP) }),
    fc.nat(),
    fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }),
    deepText,
  ).map(([value, pick, newKey, deep]) => {
    const copy = structuredClone(valid) as Record<string, unknown>;
    const keys = Object.keys(copy);
    const key = newKey ?? keys[pick % keys.length] ?? "x";
    const inner = copy[key];
    if (inner !== null && typeof inner === "object" && !Array.isArray(inner) && newKey === undefined && pick % 2 === 0) {
      const innerKeys = Object.keys(inner);
      (inner as Record<string, unknown>)[innerKeys[pick % Math.max(innerKeys.length, 1)] ?? "x"] = value;
    } else copy[key] = value;
    return JSON.stringify(copy).replace(JSON.stringify(DEEP), () => deep);
  });

const mutated = fc.constantFrom(...VALID_COMMANDS.map(([, valid]) => valid)).chain(mutatedFrom);

/** A body whose one string is nearly as long as `maxBodyBytes` allows, or a little over it. */
const huge = (maxBodyBytes: number) =>
  fc.tuple(fc.integer({ min: maxBodyBytes - 4096, max: maxBodyBytes + 4096 }), fc.constantFrom("x", "ø", "\\u0000", "\\ud800", "😀")).map(([bytes, unit]) => {
    const valid = body.apply();
    const unitBytes = Buffer.byteLength(unit);
    return JSON.stringify({ ...valid, project: { title: "eByggesak", summary: "SUMMARY" } }).replace("SUMMARY", unit.repeat(Math.max(0, Math.floor((bytes - 600) / unitBytes))));
  });

/** Any body: random JSON, bytes, nesting, huge strings, a command with one field gone wrong, or none. */
const requestBody = (maxBodyBytes: number): fc.Arbitrary<Buffer> =>
  fc.oneof(
    { weight: 3, arbitrary: mutated.map((text) => Buffer.from(text)) },
    { weight: 2, arbitrary: fc.json({ maxDepth: 5 }).map((text) => Buffer.from(text)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: deepText.map((text) => Buffer.from(text)) },
    { weight: 1, arbitrary: huge(maxBodyBytes).map((text) => Buffer.from(text)) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
  );

/** A command where the seeded store could take it, its body as is or with one field gone wrong. */
const command = (authorization: fc.Arbitrary<string>): fc.Arbitrary<RawRequest> =>
  fc
    .constantFrom(...VALID_COMMANDS)
    .chain(([where, valid]) =>
      fc.record({
        method: fc.constant("POST"),
        path: fc.constant(where),
        headers: headers(authorization),
        body: fc.oneof(fc.constant(JSON.stringify(valid)), mutatedFrom(valid)).map((text) => Buffer.from(text)),
      }),
    );

/**
 * Any request, with `authorization` as its likely Authorization headers: half of them commands
 * where the store could take them, so the ledger's own checks are reached, half anything at all.
 * A counterexample shows it short.
 */
export const rawRequest = (authorization: fc.Arbitrary<string>, maxBodyBytes: number): fc.Arbitrary<RawRequest> =>
  fc
    .oneof(
      command(authorization),
      fc
        .record({ method, path, headers: headers(authorization), body: requestBody(maxBodyBytes) })
        // A GET or HEAD with a body is answered without reading it, and the closed connection can
        // reset before the client reads the answer: a race in the test's client, not the service.
        .map((sent) => (sent.method === "GET" || sent.method === "HEAD" ? { ...sent, body: Buffer.alloc(0) } : sent)),
    )
    .map((sent) => Object.assign(sent, { [fc.toStringMethod]: () => describeRequest(sent) }));

/**
 * Sends a request as it is to `origin` (`http://host:port`) on a connection of its own, and
 * reads the whole answer. The service may answer (401, 413) before the body is all sent and
 * then close the connection: once the answer has come, an error writing the rest is the
 * client's, not the service's.
 */
export const send = (origin: string, sent: RawRequest): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    let answered = false;
    const outgoing = httpRequest(
      { agent: false, hostname, port, method: sent.method, path: sent.path, headers: { ...sent.headers, "content-length": String(sent.body.length) } },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, contentType: response.headers["content-type"], body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    outgoing.on("error", (error) => {
      if (!answered) reject(error);
    });
    outgoing.end(sent.body);
  });

/** A request in a few lines, for a counterexample: the body's start and its length, not all of it. */
const describeRequest = (sent: RawRequest): string => {
  const text = sent.body.toString("utf8");
  const body = text.length > 300 ? `${text.slice(0, 300)}… (${sent.body.length} bytes)` : text;
  const path = sent.path.length > 200 ? `${sent.path.slice(0, 200)}… (${sent.path.length} characters)` : sent.path;
  const headers = Object.fromEntries(Object.entries(sent.headers).map(([name, value]) => [name, value.length > 100 ? `${value.slice(0, 100)}… (${value.length})` : value]));
  return `${sent.method} ${path}\n${JSON.stringify(headers)}\n${body}`;
};
