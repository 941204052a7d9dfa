import { Server, ServerCredentials, status } from "@grpc/grpc-js";
import type { EventStore } from "@grantledger/core";
import { createMemoryEventStore } from "../../memory/memoryEventStore.js";
import { gossipPb, GossipService, serverFeaturesPb, ServerFeaturesService, sharedPb, StreamsService } from "./protoAccess.testkit.js";
import type { IGossipServer, IServerFeaturesServer } from "./protoAccess.testkit.js";
import { streamsService } from "./streamsService.testkit.js";
import type { StreamsServiceState } from "./streamsService.testkit.js";

/**
 * Which server the test server plays. `"batch-append"`: a current one (21.10 and later), which
 * lists its methods through server features and takes appends on the `BatchAppend` stream.
 * `"legacy-append"`: one before 21.10, without server features (the call is UNIMPLEMENTED) and
 * with unary `Append` only.
 */
export type ServerGeneration = "batch-append" | "legacy-append";

/** Options of {@link startFakeEventStoreDb}. */
export interface FakeEventStoreDbOptions {
  readonly generation: ServerGeneration;
  /** Whether a re-append answered from history carries its position (newer servers) or not (older). Default false. */
  readonly positionOnRetry?: boolean;
}

/** A running test server. */
export interface FakeEventStoreDb {
  readonly connectionString: string;
  /** The same server as a cluster to discover by gossip. */
  readonly discoveryConnectionString: string;
  /**
   * The memory store behind the server, for looking at what arrived: events as the server stores
   * them, not as the adapter reads them. A time the adapter kept is still in the metadata (under
   * `$recordedAt`), and `recordedAt` there is the server's own time; read through the adapter to
   * see what a caller does.
   */
  readonly store: EventStore;
  /** How often each call was answered: `read`, `subscribe`, `append`, `batchAppend`, `invalidPosition`. */
  readonly calls: ReadonlyMap<string, number>;
  /** Ends every open subscription with UNAVAILABLE, as a node going down does. */
  dropSubscriptions(): void;
  /** Drops every connection, then listens again on the same port with the same events. */
  restart(): Promise<void>;
  /** Stops the server and its store. */
  close(): Promise<void>;
}

const STREAMS_SERVICE = "event_store.client.streams.streams";

const bind = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) => (error === null ? resolve(bound) : reject(error))),
  );

/**
 * A WIRE-FORMAT TEST SERVER, not a substitute for EventStoreDB: it answers the real client over
 * real gRPC (HTTP/2, protobuf from the service definitions the client ships) on 127.0.0.1, with
 * the memory store behind it. It checks that the adapter and the client agree on the wire; it
 * cannot check what only a real server does (its log, its index, its idempotency cache, its
 * clustering). Where EventStoreDB's answers are known to differ from the memory store's, it
 * answers as EventStoreDB does (see `appendAsEventStoreDb`).
 */
export const startFakeEventStoreDb = async (options: FakeEventStoreDbOptions): Promise<FakeEventStoreDb> => {
  const state: StreamsServiceState = {
    store: createMemoryEventStore(),
    live: new Set(),
    tombstoned: new Set(),
    written: { next: 0n, positionOnRetry: options.positionOnRetry ?? false },
    calls: new Map(),
  };
  const features: IServerFeaturesServer = {
    getSupportedMethods: (_call, callback) => {
      const method = (name: string): InstanceType<typeof serverFeaturesPb.SupportedMethod> =>
        new serverFeaturesPb.SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(name);
      const methods = ["read", "append", "batchappend", "delete", "tombstone"].map(method);
      callback(null, new serverFeaturesPb.SupportedMethods().setEventStoreServerVersion("24.10.0").setMethodsList(methods));
    },
  };
  let port = 0;
  // A one-node cluster whose leader is this server, so `esdb+discover://` strings work too.
  const gossip: IGossipServer = {
    read: (_call, callback) => {
      const self = new gossipPb.MemberInfo()
        .setInstanceId(new sharedPb.UUID().setString("00000000-0000-4000-8000-000000000001"))
        .setTimeStamp(String(Date.now()))
        .setState(gossipPb.MemberInfo.VNodeState.LEADER)
        .setIsAlive(true)
        .setHttpEndPoint(new gossipPb.EndPoint().setAddress("127.0.0.1").setPort(port));
      callback(null, new gossipPb.ClusterInfo().setMembersList([self]));
    },
  };
  const serve = (): Server => {
    const server = new Server();
    server.addService(StreamsService, streamsService(state));
    server.addService(GossipService, gossip);
    if (options.generation === "batch-append") server.addService(ServerFeaturesService, features);
    return server;
  };
  let server = serve();
  port = await bind(server, 0);

  const dropSubscriptions = (): void => {
    for (const { call, subscription } of state.live) {
      void subscription.close();
      call.emit("error", { code: status.UNAVAILABLE, details: "Server Is Shutting Down" });
    }
    state.live.clear();
  };

  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    discoveryConnectionString: `esdb+discover://127.0.0.1:${port}?tls=false&maxDiscoverAttempts=2&discoveryInterval=10`,
    store: state.store,
    calls: state.calls,
    dropSubscriptions,
    restart: async () => {
      dropSubscriptions();
      server.forceShutdown();
      server = serve();
      await bind(server, port);
    },
    close: async () => {
      dropSubscriptions();
      server.forceShutdown();
      await state.store.close();
    },
  };
};
