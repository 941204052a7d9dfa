/**
 * Site inspections of awarded grants, in streams of their own (`inspection-<id>`): the funder
 * visits a project it pays for, records what it found, and later closes the deviations found.
 * The events sit beside the catalogue's and go through the same command handler: derived ids,
 * the hash chain, idempotency and optimistic concurrency, and `verify` checks them.
 */
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { defineStreamType, EntityId, IsoDate, NonEmptyText, type EventOf, type GrantStatus, type HandlerError } from "@grantledger/core";

/** What an inspection found: all as agreed, or deviations to be closed. */
export const Finding = t.keyof({ satisfactory: null, deviations: null });

/** The events of an inspection's stream, each with the codec of its data. */
export const inspectionEvents = {
  /** An inspection of a grant's project was made. */
  InspectionRecorded: t.type({
    inspectionId: EntityId,
    grantId: EntityId,
    inspector: NonEmptyText,
    visitedOn: IsoDate,
    finding: Finding,
    /** What was seen; prose, bounded like every `notes` (maxProseLength). */
    notes: t.string,
  }),
  /** The deviations an inspection found were put right. */
  DeviationsClosed: t.type({ inspectionId: EntityId, closedOn: IsoDate, notes: t.string }),
};

/** An inspection event, decoded. */
export type InspectionEvent = EventOf<typeof inspectionEvents>;

/** The commands, each with the codec of its data. */
export const inspectionCommands = {
  /** Records an inspection of an awarded grant (`InspectionRecorded`). */
  RecordInspection: inspectionEvents.InspectionRecorded,
  /** Closes the deviations of an inspection that found some (`DeviationsClosed`). */
  CloseDeviations: inspectionEvents.DeviationsClosed,
};

/** An inspection folded from its stream. */
export type InspectionState =
  | { readonly status: "none" }
  | { readonly status: "recorded"; readonly grantId: string; readonly finding: t.TypeOf<typeof Finding>; readonly deviationsOpen: boolean };

/** Why an inspection command was refused (besides the handler's own errors). */
export type InspectionError =
  | { readonly _tag: "GrantNotAwarded"; readonly grantId: string; readonly status: GrantStatus | "none" }
  | { readonly _tag: "InspectionAlreadyRecorded"; readonly inspectionId: string }
  | { readonly _tag: "InspectionNotFound"; readonly inspectionId: string }
  | { readonly _tag: "NoOpenDeviations"; readonly inspectionId: string }
  | HandlerError;

const evolve = (state: InspectionState, event: InspectionEvent): InspectionState => {
  switch (event.type) {
    case "InspectionRecorded":
      return { status: "recorded", grantId: event.data.grantId, finding: event.data.finding, deviationsOpen: event.data.finding === "deviations" };
    case "DeviationsClosed":
      return state.status === "none" ? state : { ...state, deviationsOpen: false };
  }
};

/** The inspection stream type: its events, commands, fold and rules. */
export const inspections = defineStreamType({
  name: "inspection",
  streamName: (id) => `inspection-${id}`,
  events: inspectionEvents,
  commands: inspectionCommands,
  streamId: (command) => command.data.inspectionId,
  initialState: { status: "none" } as InspectionState,
  evolve,
  decide: async (command, state, reads): Promise<E.Either<InspectionError, readonly InspectionEvent[]>> => {
    switch (command.type) {
      case "RecordInspection": {
        if (state.status !== "none") return E.left({ _tag: "InspectionAlreadyRecorded", inspectionId: command.data.inspectionId });
        // The rule that ties an inspection to its grant: only an awarded grant is inspected,
        // as its own stream says when the command is decided.
        const grant = await reads.grant(command.data.grantId);
        if (E.isLeft(grant)) return grant;
        if (grant.right.status !== "awarded") return E.left({ _tag: "GrantNotAwarded", grantId: command.data.grantId, status: grant.right.status });
        return E.right([{ type: "InspectionRecorded", data: command.data }]);
      }
      case "CloseDeviations":
        if (state.status === "none") return E.left({ _tag: "InspectionNotFound", inspectionId: command.data.inspectionId });
        if (!state.deviationsOpen) return E.left({ _tag: "NoOpenDeviations", inspectionId: command.data.inspectionId });
        return E.right([{ type: "DeviationsClosed", data: command.data }]);
    }
  },
});
