import { businessTimeOf, compareInstants, IsoDateTime, type RecordedEvent } from "@grantledger/core";

// Types in effect whenever they are known: a round's call is the premise of every fact in it
// and carries no date of its own; a seal is about the record, not the world.
const ALWAYS_IN_EFFECT = new Set(["RoundOpened", "SealRecorded"]);

// A round's stream interleaves the money of all its grants, recorded in any order (a history
// loaded years later): its events count one by one. Every other stream is one case's story,
// whose business times run forwards, so it is in effect up to its first event that is not.
const isRoundStream = (streamName: string): boolean => streamName.startsWith("round-");

// Events of one command are recorded close together; this many recent commands are remembered
// for a round event without a time of its own (a FundsCommitted written before version 0.2).
const REMEMBERED_COMMANDS = 10_000;

const commandIdOf = (event: RecordedEvent): string | undefined => {
  const id: unknown = event.metadata["commandId"];
  return typeof id === "string" ? id : undefined;
};

const recordedTimeOf = (event: RecordedEvent): IsoDateTime | undefined => (IsoDateTime.is(event.recordedAt) ? event.recordedAt : undefined);

const byPosition = (a: RecordedEvent, b: RecordedEvent): number => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0);

/**
 * Picks, from events read in global order, those in effect on an instant: an event is in effect
 * when its business time (`businessTimeOf`) is at or before the limit. A round's event without one
 * takes the business time of an event of the same command (a `FundsCommitted` before version 0.2
 * takes its `GrantAwarded`'s `awardedAt`) and, failing that, its recorded time, as does any other
 * event without one. Outside a round's stream, an event after one that is not in effect is not in
 * effect either, so a grant's story is always a prefix of itself. Events keep their global order,
 * but for a round event waiting for its command's time, handed on just before the event that gave it.
 */
export class InEffectFilter {
  private readonly cutStreams = new Set<string>();
  private readonly commandTimes = new Map<string, IsoDateTime>();
  private readonly waiting = new Map<string, RecordedEvent[]>();

  /** @param limit - the instant the events must be in effect on. */
  constructor(private readonly limit: IsoDateTime) {}

  /** The events of `page` (and any that waited for them) that are in effect, in order. */
  take(page: readonly RecordedEvent[]): RecordedEvent[] {
    const taken: RecordedEvent[] = [];
    for (const event of page) this.takeOne(event, taken);
    return taken;
  }

  /** The events still waiting for their command's time at the end, judged by their recorded time. */
  finish(): RecordedEvent[] {
    const taken: RecordedEvent[] = [];
    for (const events of this.waiting.values()) for (const event of events) this.decide(event, recordedTimeOf(event), taken);
    this.waiting.clear();
    return taken.sort(byPosition);
  }

  private takeOne(event: RecordedEvent, taken: RecordedEvent[]): void {
    if (ALWAYS_IN_EFFECT.has(event.type)) {
      if (!this.cutStreams.has(event.streamName)) taken.push(event);
      return;
    }
    const commandId = commandIdOf(event);
    const own = businessTimeOf(event);
    if (own === undefined) {
      const known = commandId === undefined ? undefined : this.commandTimes.get(commandId);
      if (known !== undefined || commandId === undefined || !isRoundStream(event.streamName)) {
        return this.decide(event, known ?? recordedTimeOf(event), taken);
      }
      const queue = this.waiting.get(commandId) ?? [];
      queue.push(event);
      this.waiting.set(commandId, queue);
      return;
    }
    if (commandId !== undefined) {
      this.remember(commandId, own);
      const queued = this.waiting.get(commandId);
      if (queued !== undefined) {
        this.waiting.delete(commandId);
        for (const waiting of queued) this.decide(waiting, own, taken);
      }
    }
    this.decide(event, own, taken);
  }

  private decide(event: RecordedEvent, time: IsoDateTime | undefined, taken: RecordedEvent[]): void {
    if (this.cutStreams.has(event.streamName)) return;
    // A time that cannot be read is after every limit: nothing is claimed in effect on a guess.
    if (time !== undefined && compareInstants(time, this.limit) <= 0) {
      taken.push(event);
      return;
    }
    if (!isRoundStream(event.streamName)) this.cutStreams.add(event.streamName);
  }

  private remember(commandId: string, time: IsoDateTime): void {
    this.commandTimes.delete(commandId);
    this.commandTimes.set(commandId, time);
    if (this.commandTimes.size > REMEMBERED_COMMANDS) {
      const oldest = this.commandTimes.keys().next();
      if (oldest.done !== true) this.commandTimes.delete(oldest.value);
    }
  }
}
