import type { ExpectedRevision } from "@grantledger/core";
import codePb from "@eventstore/db-client/generated/code_pb.js";
import { googleEmpty, packAny, sharedPb, statusPb, streamsPb } from "./protoAccess.testkit.js";
import { streamIdentifier } from "./wireEvents.testkit.js";
import type { WireAppendOutcome } from "./wireAppend.testkit.js";

type BatchOptions = InstanceType<typeof streamsPb.BatchAppendReq.Options>;
type AppendOptions = InstanceType<typeof streamsPb.AppendReq.Options>;

/** The expectation an append request carries, in the port's terms. */
export const expectedOfAppend = (options: AppendOptions | BatchOptions | undefined): ExpectedRevision => {
  if (options === undefined) return "any";
  if ("hasStreamPosition" in options && options.hasStreamPosition()) return BigInt(options.getStreamPosition());
  if ("hasRevision" in options && options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return "no_stream";
  if (options.hasStreamExists()) return "stream_exists";
  return "any";
};

/** The answer to a unary `Append`, the call servers without batch append (before 21.10) take. */
export const toAppendResponse = (outcome: WireAppendOutcome, expected: ExpectedRevision): InstanceType<typeof streamsPb.AppendResp> => {
  if (outcome.kind === "success") {
    const success = new streamsPb.AppendResp.Success().setCurrentRevision(outcome.revision.toString());
    if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
    else success.setPosition(new streamsPb.AppendResp.Position().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
    return new streamsPb.AppendResp().setSuccess(success);
  }
  const mismatch = new streamsPb.AppendResp.WrongExpectedVersion();
  if (outcome.kind === "wrong-expected-version" && outcome.current !== "no_stream") mismatch.setCurrentRevision(outcome.current.toString());
  else mismatch.setCurrentNoStream(new sharedPb.Empty());
  if (typeof expected === "bigint") mismatch.setExpectedRevision(expected.toString());
  else if (expected === "no_stream") mismatch.setExpectedNoStream(new sharedPb.Empty());
  else if (expected === "stream_exists") mismatch.setExpectedStreamExists(new sharedPb.Empty());
  else mismatch.setExpectedAny(new sharedPb.Empty());
  return new streamsPb.AppendResp().setWrongExpectedVersion(mismatch);
};

/** One answer on the `BatchAppend` stream, for the request with `correlationId`. */
export const toBatchAppendResponse = (
  correlationId: string,
  streamName: string,
  expected: ExpectedRevision,
  outcome: WireAppendOutcome,
): InstanceType<typeof streamsPb.BatchAppendResp> => {
  const response = new streamsPb.BatchAppendResp()
    .setCorrelationId(new sharedPb.UUID().setString(correlationId))
    .setStreamIdentifier(streamIdentifier(streamName));
  if (outcome.kind === "success") {
    const success = new streamsPb.BatchAppendResp.Success().setCurrentRevision(outcome.revision.toString());
    if (outcome.position === undefined) success.setNoPosition(googleEmpty());
    else success.setPosition(new sharedPb.AllStreamPosition().setCommitPosition(outcome.position.toString()).setPreparePosition(outcome.position.toString()));
    return response.setSuccess(success);
  }
  // The client reads every error's details to pick its error class, so details are always set.
  if (outcome.kind === "failed") {
    const details = packAny(new sharedPb.Unknown().serializeBinary(), "event_store.client.Unknown");
    return response.setError(new statusPb.Status().setCode(codePb.Code.UNKNOWN).setMessage(outcome.message).setDetails(details));
  }
  const mismatch = new sharedPb.WrongExpectedVersion();
  if (outcome.current === "no_stream") mismatch.setCurrentNoStream(googleEmpty());
  else mismatch.setCurrentStreamRevision(outcome.current.toString());
  if (typeof expected === "bigint") mismatch.setExpectedStreamPosition(expected.toString());
  else if (expected === "no_stream") mismatch.setExpectedNoStream(googleEmpty());
  else if (expected === "stream_exists") mismatch.setExpectedStreamExists(googleEmpty());
  else mismatch.setExpectedAny(googleEmpty());
  const details = packAny(mismatch.serializeBinary(), "event_store.client.WrongExpectedVersion");
  return response.setError(new statusPb.Status().setCode(codePb.Code.FAILED_PRECONDITION).setMessage("Wrong expected version").setDetails(details));
};
