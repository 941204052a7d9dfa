import { describe, expect, it } from "vitest";
import type { CliError } from "../cliError.js";
import { parseStoreUrl, redactUrl } from "./storeUrl.js";

describe("store URLs", () => {
  it.each([
    ["postgres://app@db.example:5432/grants", "postgres"],
    ["postgresql://app@db/grants?schema=ledger", "postgres"],
    ["pglite:./data/ledger", "pglite"],
    ["pglite:memory", "pglite"],
    ["esdb://localhost:2113?tls=false", "esdb"],
    ["esdb+discover://cluster:2113", "esdb"],
    ["memory:", "memory"],
  ])("reads %s as %s", (url, kind) => {
    expect(parseStoreUrl(url).kind).toBe(kind);
  });

  it("hides a password wherever the URL is shown", () => {
    expect(redactUrl("postgres://app:s3cret@db:5432/grants")).toBe("postgres://app:***@db:5432/grants");
    expect(parseStoreUrl("postgres://app:s3cret@db/grants").display).toBe("postgres://app:***@db/grants");
    expect(redactUrl("pglite:./data")).toBe("pglite:./data");
  });

  it("refuses an unknown scheme or an empty pglite: as usage errors (exit 2), without the password", () => {
    const attempt = (url: string) => {
      try {
        parseStoreUrl(url);
      } catch (error) {
        return error as CliError;
      }
      throw new Error("accepted");
    };
    expect(attempt("mysql://root:pw@localhost/x")).toMatchObject({ exitCode: 2, message: expect.stringMatching(/^unknown store URL "mysql:\/\/root:\*\*\*@localhost\/x"/) });
    expect(attempt("pglite:")).toMatchObject({ exitCode: 2, message: expect.stringContaining("names no directory") });
  });
});
