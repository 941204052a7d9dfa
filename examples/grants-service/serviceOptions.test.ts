import { describe, expect, it } from "vitest";
import { parseServiceOptions, UsageError } from "./serviceOptions.js";

describe("parseServiceOptions", () => {
  it("defaults to the memory store on 127.0.0.1:3000", () => {
    expect(parseServiceOptions([], {})).toEqual({ storeUrl: "memory:", port: 3000, host: "127.0.0.1" });
  });

  it("takes the environment, and a flag over it", () => {
    const env = { GRANTLEDGER_STORE_URL: "pglite:./data", PORT: "8080", HOST: "0.0.0.0" };
    expect(parseServiceOptions([], env)).toEqual({ storeUrl: "pglite:./data", port: 8080, host: "0.0.0.0" });
    expect(parseServiceOptions(["--store", "postgres://db/grants", "--port", "0"], env)).toEqual({ storeUrl: "postgres://db/grants", port: 0, host: "0.0.0.0" });
  });

  it("counts an empty variable as unset", () => {
    expect(parseServiceOptions([], { PORT: "", GRANTLEDGER_STORE_URL: " " })).toEqual({ storeUrl: "memory:", port: 3000, host: "127.0.0.1" });
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
});
