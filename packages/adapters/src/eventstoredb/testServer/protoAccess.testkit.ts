/**
 * The one place the wire-format test server touches the protobuf code the client ships.
 *
 * The generated modules are CommonJS that Node cannot analyse for named exports (they attach
 * everything with `goog.object.extend`), so they are imported whole. `google.protobuf.Any` is
 * reached through the client's own dependency on google-protobuf, which this package does not
 * list: that lookup returns `unknown`, and the narrow casts below (the only ones in the test
 * server) say what it is, with a runtime check that it is a constructor.
 */
import { createRequire } from "node:module";
import gossipPb from "@eventstore/db-client/generated/gossip_pb.js";
import serverFeaturesPb from "@eventstore/db-client/generated/serverfeatures_pb.js";
import sharedPb from "@eventstore/db-client/generated/shared_pb.js";
import statusPb from "@eventstore/db-client/generated/status_pb.js";
import streamsPb from "@eventstore/db-client/generated/streams_pb.js";

export { GossipService } from "@eventstore/db-client/generated/gossip_grpc_pb.js";
export { ServerFeaturesService } from "@eventstore/db-client/generated/serverfeatures_grpc_pb.js";
export { StreamsService } from "@eventstore/db-client/generated/streams_grpc_pb.js";
export type { IGossipServer } from "@eventstore/db-client/generated/gossip_grpc_pb.js";
export type { IServerFeaturesServer } from "@eventstore/db-client/generated/serverfeatures_grpc_pb.js";
export type { IStreamsServer } from "@eventstore/db-client/generated/streams_grpc_pb.js";
export { gossipPb, serverFeaturesPb, sharedPb, statusPb, streamsPb };

/** `google.protobuf.Any`, as the status message's details field holds it. */
export type AnyMessage = NonNullable<ReturnType<InstanceType<typeof statusPb.Status>["getDetails"]>>;

/** `google.protobuf.Empty`, which the batch-append messages use where the others use their own. */
export type GoogleEmpty = NonNullable<ReturnType<InstanceType<typeof sharedPb.WrongExpectedVersion>["getCurrentNoStream"]>>;

const requireFromClient = createRequire(createRequire(import.meta.url).resolve("@eventstore/db-client"));

const hasConstructor = <T>(module: unknown, name: string): module is Record<string, new () => T> =>
  typeof module === "object" && module !== null && name in module && typeof Reflect.get(module, name) === "function";

const load = <T>(path: string, name: string): new () => T => {
  const module: unknown = requireFromClient(path);
  if (!hasConstructor<T>(module, name)) throw new Error(`${path} does not export ${name}`);
  const constructor = module[name];
  if (constructor === undefined) throw new Error(`${path} does not export ${name}`);
  return constructor;
};

const AnyConstructor = load<AnyMessage>("google-protobuf/google/protobuf/any_pb.js", "Any");
const EmptyConstructor = load<GoogleEmpty>("google-protobuf/google/protobuf/empty_pb.js", "Empty");

/** A `google.protobuf.Empty`, the marker the batch-append messages use for "no stream", "any", … */
export const googleEmpty = (): GoogleEmpty => new EmptyConstructor();

/** Packs a message into `Any` under its full protobuf type name, as the server's rich errors do. */
export const packAny = (serialized: Uint8Array, typeName: string): AnyMessage => {
  const any = new AnyConstructor();
  any.pack(serialized, typeName);
  return any;
};
