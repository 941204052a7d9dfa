import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { redact, resolveStoreConfig } from "./storeConfig.js";

const defaults = { schema: "grantledger", poolSize: 10, connectTimeoutMs: 5_000, statementTimeoutMs: 30_000, pollIntervalMs: 250, reconnectTimeoutMs: 30_000, migrate: true };

describe("resolveStoreConfig", () => {
  it.each([
    ["postgres://postgres@127.0.0.1:5432/test", { kind: "server", connectionString: "postgres://postgres@127.0.0.1:5432/test" }],
    ["postgresql://u:p@db.example:6432/grants?sslmode=require", { kind: "server", connectionString: "postgresql://u:p@db.example:6432/grants?sslmode=require" }],
    ["pglite:memory", { kind: "memory" }],
    ["pglite:./data/ledger", { kind: "directory", directory: "./data/ledger" }],
    ["pglite:/var/lib/grantledger", { kind: "directory", directory: "/var/lib/grantledger" }],
  ])("reads %s, with the defaults", (url, target) => {
    expect(resolveStoreConfig(url)).toEqual(E.right({ ...defaults, applicationName: "grantledger", target }));
  });

  it("takes its own parameters out of the query string and leaves the driver's", () => {
    const config = resolveStoreConfig("postgres://u@h/db?schema=difi&poolSize=3&sslmode=require&statementTimeoutMs=0");
    expect(config).toMatchObject(E.right({ schema: "difi", poolSize: 3, statementTimeoutMs: 0, target: { connectionString: "postgres://u@h/db?sslmode=require" } }));
    expect(resolveStoreConfig("pglite:./ledger?schema=test_1")).toMatchObject(E.right({ schema: "test_1", target: { directory: "./ledger" } }));
  });

  it("lets options win over the URL", () => {
    expect(resolveStoreConfig({ url: "pglite:memory?schema=a&poolSize=2", schema: "b", poolSize: 4, connectTimeoutMs: 100 })).toMatchObject(
      E.right({ schema: "b", poolSize: 4, connectTimeoutMs: 100 }),
    );
  });

  it("migrates on opening unless told not to", () => {
    expect(resolveStoreConfig({ url: "pglite:memory", migrate: false })).toMatchObject(E.right({ migrate: false }));
  });

  it.each<[string, Parameters<typeof resolveStoreConfig>[0], string]>([
    ["another scheme", "mysql://localhost/db", "unsupported URL"],
    ["a pglite URL without a place", "pglite:", "pglite: needs a place"],
    ["neither url nor instance", {}, "give a url or a pglite instance"],
    ["a pool of none", { url: "pglite:memory", poolSize: 0 }, "poolSize must be a whole number of at least 1"],
    ["a fractional timeout", "postgres://h/db?connectTimeoutMs=1.5", "connectTimeoutMs must be a whole number of at least 1: 1.5"],
    ["no connect timeout at all", { url: "pglite:memory", connectTimeoutMs: 0 }, "connectTimeoutMs must be a whole number of at least 1: 0"],
    ["a poll interval of zero", { url: "pglite:memory", pollIntervalMs: 0 }, "pollIntervalMs must be"],
    ["a schema with upper case", { url: "pglite:memory", schema: "Grants" }, "the schema name \"Grants\" must be"],
    ["a schema that would need quoting", "pglite:memory?schema=a;drop", "must be 1-48 characters"],
    ["a schema given twice", "postgres://h/db?schema=a&schema=b", "schema is given 2 times in the URL"],
    ["a schema given twice to PGlite", "pglite:memory?schema=a&schema=b", "schema is given 2 times in the URL"],
    ["a timeout given twice", "postgres://h/db?statementTimeoutMs=5&statementTimeoutMs=6", "statementTimeoutMs is given 2 times"],
    ["the shared default schema", "postgres://h/db?schema=public", "PostgreSQL's shared default schema"],
    ["a system schema", "postgres://h/db?schema=information_schema", "one of PostgreSQL's own"],
    ["the catalog", { url: "pglite:memory", schema: "pg_catalog" }, "one of PostgreSQL's own"],
  ])("refuses %s", (_label, input, reason) => {
    const config = resolveStoreConfig(input);
    expect(config).toMatchObject(E.left({ _tag: "InvalidStoreConfig" }));
    expect(E.isLeft(config) ? config.left.reason : "").toContain(reason);
  });

  it("never repeats a password in a message", () => {
    expect(redact("postgres://kari:hemmelig@db/grants")).toBe("postgres://kari:***@db/grants");
    const refused = resolveStoreConfig("postgre://kari:hemmelig@db/grants");
    expect(E.isLeft(refused) ? refused.left.reason : "").not.toContain("hemmelig");
  });
});
