import { describe, expect, it } from "vitest";
import { DEFAULT_SERVICE_LIMITS } from "./serviceLimits.js";
import { parseServiceOptions, UsageError } from "./serviceOptions.js";

const DEV = { mode: "dev" } as const;

describe("parseServiceOptions", () => {
  it("defaults to the memory store on 127.0.0.1:3000", () => {
    expect(parseServiceOptions([], {})).toEqual({ storeUrl: "memory:", port: 3000, host: "127.0.0.1", limits: DEFAULT_SERVICE_LIMITS, auth: DEV });
  });

  it("takes the environment, and a flag over it", () => {
    // Beyond loopback the service starts without tokens only when told so (GRANTLEDGER_AUTH=dev).
    const env = { GRANTLEDGER_STORE_URL: "pglite:./data", PORT: "8080", HOST: "0.0.0.0", GRANTLEDGER_AUTH: "dev" };
    expect(parseServiceOptions([], env)).toEqual({ storeUrl: "pglite:./data", port: 8080, host: "0.0.0.0", limits: DEFAULT_SERVICE_LIMITS, auth: DEV });
    expect(parseServiceOptions(["--store", "postgres://db/grants", "--port", "0"], env)).toEqual({ storeUrl: "postgres://db/grants", port: 0, host: "0.0.0.0", limits: DEFAULT_SERVICE_LIMITS, auth: DEV });
  });

  it("counts an empty variable as unset", () => {
    expect(parseServiceOptions([], { PORT: "", GRANTLEDGER_STORE_URL: " " })).toEqual({ storeUrl: "memory:", port: 3000, host: "127.0.0.1", limits: DEFAULT_SERVICE_LIMITS, auth: DEV });
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
    expect(parseServiceOptions(["--max-body-bytes", "4096"], { GRANTLEDGER_MAX_ACTOR_LENGTH: "64" })?.limits).toEqual({
      maxBodyBytes: 4096,
      maxActorLength: 64,
      maxJsonDepth: 32,
      maxProseLength: 20_000,
      maxTextLength: 500,
      maxListLength: 1_000,
    });
    expect(parseServiceOptions(["--max-prose-length", "5000", "--max-list-length", "200"], { GRANTLEDGER_MAX_TEXT_LENGTH: "300" })?.limits).toMatchObject({
      maxProseLength: 5000,
      maxTextLength: 300,
      maxListLength: 200,
    });
    expect(() => parseServiceOptions(["--max-text-length", "0"], {})).toThrow(new UsageError('--max-text-length "0" is not a whole number of at least 1'));
    expect(parseServiceOptions(["--max-json-depth", "8"], {})?.limits.maxJsonDepth).toBe(8);
    expect(parseServiceOptions([], { GRANTLEDGER_MAX_JSON_DEPTH: "64" })?.limits.maxJsonDepth).toBe(64);
    expect(() => parseServiceOptions(["--max-json-depth", "0"], {})).toThrow(new UsageError('--max-json-depth "0" is not a whole number of at least 1'));
    expect(() => parseServiceOptions(["--max-body-bytes", "0"], {})).toThrow(new UsageError('--max-body-bytes "0" is not a whole number of at least 1'));
    expect(() => parseServiceOptions([], { GRANTLEDGER_MAX_ACTOR_LENGTH: "lots" })).toThrow(UsageError);
  });

  describe("auth", () => {
    const TOKENS = { GRANTLEDGER_AUTH_PUBLIC_KEY: "/etc/grants/idp.pem", GRANTLEDGER_AUTH_ISSUER: "https://idp.difi.no", GRANTLEDGER_AUTH_AUDIENCE: "grants-service" };

    it("is development mode with no configuration on a loopback host", () => {
      for (const host of ["127.0.0.1", "localhost", "::1", "127.0.1.1"]) expect(parseServiceOptions(["--host", host], {})?.auth).toEqual(DEV);
    });

    it("refuses to start without tokens on a host others reach, unless told --auth dev", () => {
      expect(() => parseServiceOptions(["--host", "0.0.0.0"], {})).toThrow(/on 0\.0\.0\.0 the service needs bearer tokens.*--auth dev/);
      expect(() => parseServiceOptions([], { HOST: "10.0.0.5" })).toThrow(UsageError);
      expect(parseServiceOptions(["--host", "0.0.0.0", "--auth", "dev"], {})?.auth).toEqual(DEV);
    });

    it("requires tokens once a key, issuer or audience is given, with a 30 s clock tolerance by default", () => {
      expect(parseServiceOptions([], TOKENS)?.auth).toEqual({
        mode: "jwt",
        keys: { publicKey: "/etc/grants/idp.pem" },
        issuer: "https://idp.difi.no",
        audience: "grants-service",
        clockToleranceSeconds: 30,
      });
      const flags = ["--auth-jwks", "/etc/grants/jwks.json", "--auth-issuer", "iss", "--auth-audience", "aud", "--auth-clock-tolerance", "5", "--host", "0.0.0.0"];
      expect(parseServiceOptions(flags, {})?.auth).toEqual({ mode: "jwt", keys: { jwksFile: "/etc/grants/jwks.json" }, issuer: "iss", audience: "aud", clockToleranceSeconds: 5 });
      // A flag wins over a variable, here too: a one-off local run of a deployment's settings.
      expect(parseServiceOptions(["--auth", "dev"], TOKENS)?.auth).toEqual(DEV);
    });

    it("names what is missing or contradictory", () => {
      const { GRANTLEDGER_AUTH_ISSUER: _issuer, ...noIssuer } = TOKENS;
      expect(() => parseServiceOptions([], noIssuer)).toThrow(new UsageError("--auth jwt needs --auth-issuer: the iss every token must name"));
      const { GRANTLEDGER_AUTH_AUDIENCE: _audience, ...noAudience } = TOKENS;
      expect(() => parseServiceOptions([], noAudience)).toThrow(new UsageError("--auth jwt needs --auth-audience: the aud every token must name"));
      expect(() => parseServiceOptions(["--auth", "jwt"], {})).toThrow(new UsageError("--auth jwt needs a key: --auth-public-key or --auth-jwks"));
      expect(() => parseServiceOptions(["--auth-jwks", "k.json"], TOKENS)).toThrow(new UsageError("give --auth-public-key or --auth-jwks, not both"));
      expect(() => parseServiceOptions(["--auth", "none"], {})).toThrow(new UsageError('--auth "none" is not jwt or dev'));
      expect(() => parseServiceOptions(["--auth-clock-tolerance", "301"], TOKENS)).toThrow(UsageError);
      expect(() => parseServiceOptions([], { ...TOKENS, GRANTLEDGER_AUTH_CLOCK_TOLERANCE: "-1" })).toThrow(UsageError);
    });
  });
});
