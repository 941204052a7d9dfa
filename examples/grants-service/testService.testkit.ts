import type { ServiceLimits } from "./serviceLimits.js";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createTestEngine, type TestEngine } from "@grantledger/adapters/testing";
import type { ServiceAuth } from "./authentication.js";
import { createGrantsApp } from "./grantsApp.js";
import { serveGrantsApp } from "./grantsServer.js";

/** A response as a test reads it: status, headers and the parsed JSON body. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // Tests index into bodies freely; `toEqual` checks their shape.
  readonly body: Record<string, unknown>;
}

/** The grants app served over real HTTP on a free port, over a fresh test engine. */
export interface TestService {
  readonly engine: TestEngine;
  readonly url: string;
  post(path: string, body: unknown, headers?: Readonly<Record<string, string>>): Promise<Answer>;
  /** Posts `body` as it is, for bodies that are not JSON. */
  postRaw(path: string, body: string, headers?: Readonly<Record<string, string>>): Promise<Answer>;
  get(path: string, headers?: Readonly<Record<string, string>>): Promise<Answer>;
  close(): Promise<void>;
}

/** The actor every test request names, unless it says otherwise. */
export const ACTOR = "saksbehandler@difi.no";

const answerOf = async (response: Response): Promise<Answer> => ({
  status: response.status,
  headers: response.headers,
  body: (await response.json()) as Record<string, unknown>,
});

const listen = (fetch: (request: Request) => Response | Promise<Response>): Promise<{ server: Server; port: number }> =>
  new Promise((resolve) => {
    const server = serveGrantsApp(fetch, { port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve({ server, port: info.port }));
  });

/**
 * Starts the service on an ephemeral port, in development mode unless `auth` says otherwise;
 * `close` stops the server and the engine.
 */
export const startTestService = async (limits: Partial<ServiceLimits> = {}, auth?: ServiceAuth): Promise<TestService> => {
  const engine = await createTestEngine();
  const { server, port } = await listen(createGrantsApp(engine, limits, auth).fetch);
  const url = `http://127.0.0.1:${port}`;
  const postRaw = async (path: string, body: string, headers: Readonly<Record<string, string>> = {}) => {
    // Header names are case-insensitive: a test's `X-Actor` replaces the default actor, rather
    // than being sent beside it (which fetch would join into one "a, b" value).
    const sent = new Headers({ "content-type": "application/json", "x-actor": ACTOR });
    for (const [name, value] of Object.entries(headers)) sent.set(name, value);
    return answerOf(await fetch(url + path, { method: "POST", body, headers: sent }));
  };
  return {
    engine,
    url,
    postRaw,
    post: (path, body, headers) => postRaw(path, JSON.stringify(body), headers),
    get: async (path, headers = {}) => answerOf(await fetch(url + path, { headers })),
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((error) => (error === undefined ? resolve() : reject(error))));
      await engine.close();
    },
  };
};
