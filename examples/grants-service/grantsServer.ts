import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener, RequestError as UnreadableRequestError } from "@hono/node-server";
import { toProblem } from "@grantledger/core";
import { PROBLEM_TYPE_BASE, problemResponse } from "./problem.js";
import { explainRequestError, type RequestError } from "./requestErrors.js";

/**
 * The answer to a request that never reaches the app. One whose URL cannot be built
 * (`GET /\`, no `Host`) is a 400 problem rather than the adapter's bare 400 with no body;
 * anything else is logged and answered as a 500 problem. `instance` is empty: no path was read.
 */
export const answerUnreadableRequest = (cause: unknown): Response => {
  const error: RequestError =
    cause instanceof UnreadableRequestError
      ? { _tag: "MalformedRequest", reason: cause.message.charAt(0).toLowerCase() + cause.message.slice(1) }
      : { _tag: "UnexpectedFailure" };
  if (error._tag === "UnexpectedFailure") console.error("grants-service: a request failed before the app:", cause);
  return problemResponse(toProblem(error, explainRequestError(error), { instance: "", typeBase: PROBLEM_TYPE_BASE }));
};

/**
 * Serves `fetch` (the grants app's) over HTTP/1.1 on `hostname:port`, as `@hono/node-server`'s
 * `serve` does, but with {@link answerUnreadableRequest} for what cannot reach the app (`serve`
 * does not pass an error handler on). `onListening` is called once it listens.
 */
export const serveGrantsApp = (
  fetch: (request: Request) => Response | Promise<Response>,
  address: { readonly port: number; readonly hostname: string },
  onListening: (info: AddressInfo) => void,
): Server => {
  const server = createServer(getRequestListener(fetch, { hostname: address.hostname, errorHandler: answerUnreadableRequest }));
  server.listen(address.port, address.hostname, () => onListening(server.address() as AddressInfo));
  return server;
};
