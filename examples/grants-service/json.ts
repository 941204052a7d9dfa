/**
 * JSON text of a value, with every `bigint` written as a decimal string. Revisions and global
 * positions are 64-bit, and a JSON number above 2^53 is silently rounded by most clients
 * (JavaScript's own `JSON.parse` among them), so they travel as strings. Money stays a number:
 * it is a safe integer of øre by construction.
 */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, field: unknown) => (typeof field === "bigint" ? field.toString() : field));

/** A JSON response; `contentType` lets a problem say `application/problem+json`. */
export const jsonResponse = (
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
  contentType = "application/json",
): Response => new Response(toJson(body), { status, headers: { "content-type": `${contentType}; charset=utf-8`, ...headers } });
