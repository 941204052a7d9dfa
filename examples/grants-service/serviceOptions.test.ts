import { describe, expect, it } from "vitest";
import { DEFAULT_SERVICE_LIMITS } from "./serviceLimits.js";
import { parseServiceOptions, UsageError } from "./serviceOptions.js";

describe("parseServiceOptions", () => {
  it("defaults to the memory store on 127.0.0.1:3000", () => {
    expect(parseServiceOptions([], {})).toEqual({ storeUrl: "memory:", port: 3000, host: "127.0.0.1", limits: DEFAULT_SERVICE_LIMITS });
  });

  it("takes the environment, and a flag over it", () => {
    const env = { GRANTLEDGER_STORE_URL: "pglite:./data", PORT: "8080", HOST: "0.0.0.0" };
    expect(parseServiceOptions([], env)).toEqual({ storeUrl: "pglite:./data", port: 8080, host: "0.0.0.0", limits: DEFAULT_SERVICE_LIMITS });
    expect(parseServiceOptions(["--store", "postgres://db/grants", "--port", "0"], env)).toEqual({ storeUrl: "postgres://db/grants", port: 0, host: "0.0.0.0", limits: DEFAULT_SERVICE_LIMITS });
  });

  it("counts an empty variable as unset", () => {
    expect(parseServiceOptions([], { PORT: "", GRANTLEDGER_STORE_URL: " " })).toEqual({ storeUrl: "memory:", port: 3000, host: "127.0.0.1", limits: DEFAULT_SERVICE_LIMITS });
  });

  it("answers undefined for --help", () => {
    expect(parseServiceOptions(["--help"], {})).toBeUndefined();
  });

  it("refuses a port out of range, an unknown flag and a positional argument", () => {
    expect(() => parseServiceOptions(["--port", "65536"], {})).toThrow(new UsageError('"65536" is not a port (0-65535)'));
    expect(() => parseServiceOptions([], { PORT: "-1" })).toThrow(UsageError);
    expect(() => parseServiceOptions(["--stor", "memory:"], {})).toThrow(UsageError);
    expect(() => parseServiceOptions(["memory:"], {})).toThrow(UsageError);
  });

  it("takes the request limits from flags or the environment, and refuses one below 1", () => {
    expect(parseServiceOptions(["--max-body-bytes", "4096"], { GRANTLEDGER_MAX_ACTOR_LENGTH: "64" })?.limits).toEqual({ maxBodyBytes: 4096, maxActorLength: 64 });
    expect(() => parseServiceOptions(["--max-body-bytes", "0"], {})).toThrow(new UsageError('--max-body-bytes "0" is not a whole number of at least 1'));
    expect(() => parseServiceOptions([], { GRANTLEDGER_MAX_ACTOR_LENGTH: "lots" })).toThrow(UsageError);
  });
});
