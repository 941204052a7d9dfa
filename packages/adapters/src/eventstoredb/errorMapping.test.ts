import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  UnsupportedError,
  WrongExpectedVersionError,
} from "@eventstore/db-client";
import { Metadata, status } from "@grpc/grpc-js";
import type { ServiceError } from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { DeadlineElapsed } from "./deadline.js";
import {
  isInvalidPosition,
  isRetryableSubscriptionError,
  isTransportFailure,
  toAppendError,
  toReadStreamError,
  unavailabilityReason,
} from "./errorMapping.js";

/** A gRPC failure as @grpc/grpc-js reports it. */
const serviceError = (code: status, details: string, metadata = new Metadata()): ServiceError =>
  Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata });

/** What the append path throws on a refused port: a plain Error carrying gRPC code 14, not UnavailableError. */
const refusedPort = (): Error =>
  Object.assign(new Error("14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:1"), { code: 14 });

const leaderMetadata = (): Metadata => {
  const metadata = new Metadata();
  metadata.set("leader-endpoint-host", "node-2");
  metadata.set("leader-endpoint-port", "2113");
  return metadata;
};

describe("errors of an append", () => {
  it.each<[string, bigint | "any" | "no_stream" | "stream_exists", bigint | "no_stream"]>([
    ["a revision", 3n, 5n],
    ["no_stream", "no_stream", 0n],
    ["stream_exists", "stream_exists", "no_stream"],
    ["any", "any", 4n],
  ])("WrongExpectedVersionError expecting %s: the expectation sent and the actual revision", (_label, expected, current) => {
    const error = new WrongExpectedVersionError(undefined, { streamName: "grant-1", expected: "any", current });
    expect(toAppendError(error, "grant-1", expected)).toEqual({ _tag: "WrongExpectedVersion", streamName: "grant-1", expected, actual: current });
  });

  it("StreamDeletedError: InvalidAppend, since a tombstoned stream can never be written", () => {
    expect(toAppendError(StreamDeletedError.fromStreamName("grant-1"), "grant-1", "any")).toEqual({
      _tag: "InvalidAppend",
      streamName: "grant-1",
      reason: "the stream is deleted (tombstoned) in EventStoreDB and cannot be written again",
    });
  });

  it("AccessDeniedError: AccessDenied, which no retry heals", () => {
    expect(toAppendError(new AccessDeniedError(serviceError(status.PERMISSION_DENIED, "Access Denied")), "grant-1", "any")).toEqual({
      _tag: "AccessDenied",
      operation: "appendToStream",
      reason: "access denied: 7 PERMISSION_DENIED: Access Denied",
    });
  });

  it("MaxAppendSizeExceededError: InvalidAppend naming the limit", () => {
    expect(toAppendError(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576), "grant-1", 2n)).toEqual({
      _tag: "InvalidAppend",
      streamName: "grant-1",
      reason: "the batch exceeds the server's maximum append size of 1048576 bytes",
    });
  });

  it.each<[string, unknown, string]>([
    ["a plain Error with code 14 (refused port)", refusedPort(), "unreachable: 14 UNAVAILABLE: No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:1"],
    ["UnavailableError", new UnavailableError(serviceError(status.UNAVAILABLE, "Server Is Not Ready")), "unreachable: 14 UNAVAILABLE: Server Is Not Ready"],
    ["DeadlineExceededError", new DeadlineExceededError(serviceError(status.DEADLINE_EXCEEDED, "Deadline exceeded")), "4 DEADLINE_EXCEEDED: Deadline exceeded"],
    ["TimeoutError (server-side commit timeout)", new TimeoutError(serviceError(status.ABORTED, "Operation timed out")), "10 ABORTED: Operation timed out"],
    ["CancelledError", new CancelledError(serviceError(status.CANCELLED, "Call cancelled")), "1 CANCELLED: Call cancelled"],
    ["NotLeaderError", new NotLeaderError(serviceError(status.NOT_FOUND, "Leader info available", leaderMetadata())), "the node is not the leader (leader: node-2:2113); the next call goes to the leader"],
    ["UnknownError", new UnknownError(undefined, "Could not recognize"), "Could not recognize"],
    ["the adapter's own deadline", new DeadlineElapsed("appendToStream", 500), "deadline of 500 ms exceeded"],
    ["something that is not an Error", "boom", "boom"],
  ])("%s: StoreUnavailable", (_label, error, reason) => {
    expect(toAppendError(error, "grant-1", "any")).toEqual({ _tag: "StoreUnavailable", operation: "appendToStream", reason });
  });
});

describe("errors of a stream read", () => {
  it("StreamNotFoundError: StreamNotFound", () => {
    expect(toReadStreamError(new StreamNotFoundError(undefined, "grant-1"), "grant-1")).toEqual({ _tag: "StreamNotFound", streamName: "grant-1" });
  });

  it("StreamDeletedError: StreamDeleted, never taken for a stream not yet written", () => {
    expect(toReadStreamError(StreamDeletedError.fromStreamName("grant-1"), "grant-1")).toEqual({ _tag: "StreamDeleted", streamName: "grant-1" });
  });

  it("UnavailableError and a code-14 Error: StoreUnavailable", () => {
    expect(toReadStreamError(refusedPort(), "grant-1")).toMatchObject({ _tag: "StoreUnavailable", operation: "readStream" });
    expect(toReadStreamError(new UnavailableError(serviceError(status.UNAVAILABLE, "x")), "grant-1")).toMatchObject({ _tag: "StoreUnavailable" });
  });
});

describe("classifying failures", () => {
  it("recognises the server's refusal to start a read between two records", () => {
    expect(isInvalidPosition(new UnknownError(serviceError(status.INVALID_ARGUMENT, "Trying to read from an invalid position.")))).toBe(true);
    expect(isInvalidPosition(new UnknownError(serviceError(status.INVALID_ARGUMENT, "Required Metadata Property 'type' is missing")))).toBe(false);
    expect(isInvalidPosition(new UnknownError(serviceError(status.UNKNOWN, "invalid position")))).toBe(false);
  });

  it("retries an append once only after a failure on the way (refused, dropped, or a dead cached stream)", () => {
    expect(isTransportFailure(refusedPort())).toBe(true);
    expect(isTransportFailure(new CancelledError(serviceError(status.CANCELLED, "Call cancelled")))).toBe(true);
    expect(isTransportFailure(new DeadlineExceededError(serviceError(status.DEADLINE_EXCEEDED, "x")))).toBe(false);
    expect(isTransportFailure(new WrongExpectedVersionError(undefined, { streamName: "s", expected: "any", current: 1n }))).toBe(false);
  });

  it("resubscribes after anything but a refusal that waiting will not change", () => {
    expect(isRetryableSubscriptionError(refusedPort())).toBe(true);
    expect(isRetryableSubscriptionError(new Error("the server ended the subscription"))).toBe(true);
    expect(isRetryableSubscriptionError(new AccessDeniedError())).toBe(false);
    expect(isRetryableSubscriptionError(new UnsupportedError("filtered subscription", "21.10"))).toBe(false);
    expect(isRetryableSubscriptionError(StreamDeletedError.fromStreamName("s"))).toBe(false);
  });

  it("describes a plain code-14 Error as unreachable, whatever its class", () => {
    expect(unavailabilityReason(refusedPort())).toMatch(/^unreachable: 14 UNAVAILABLE/);
  });
});
