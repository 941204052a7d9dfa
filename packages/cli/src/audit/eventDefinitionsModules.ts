import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { checkEventCodecs, isCodec, type EventCodecs } from "@grantledger/core";
import { usageError } from "../cliError.js";

/** Whether an export is a set of event definitions: an object whose `events` are all io-ts codecs (what `defineStreamType` gives). */
const eventsOf = (value: unknown): EventCodecs | undefined => {
  if (typeof value !== "object" || value === null || !("events" in value)) return undefined;
  const events: unknown = value.events;
  if (typeof events !== "object" || events === null) return undefined;
  const entries = Object.entries(events);
  return entries.length > 0 && entries.every(([, codec]) => isCodec(codec)) ? (events as EventCodecs) : undefined;
};

/**
 * The event codecs of one's own stream types that `verify --events <module>` names: each module
 * is imported (a path, relative to the working directory), and every export that is a stream
 * type (an object with `events` of io-ts codecs, as `defineStreamType` gives) adds its event
 * types. A module that cannot be loaded, exports no stream type, defines a type of the
 * catalogue's, or defines one type twice with different codecs is a usage error (exit 2).
 */
export const loadEventCodecs = async (modules: readonly string[]): Promise<EventCodecs | undefined> => {
  if (modules.length === 0) return undefined;
  const codecs: Record<string, EventCodecs[string]> = {};
  for (const module of modules) {
    let loaded: Record<string, unknown>;
    try {
      loaded = (await import(pathToFileURL(resolve(module)).href)) as Record<string, unknown>;
    } catch (error) {
      throw usageError(`--events ${module}: cannot load it: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
    const found = Object.entries(loaded).flatMap(([name, value]) => {
      const events = eventsOf(value);
      return events === undefined ? [] : [[name, events] as const];
    });
    if (found.length === 0) throw usageError(`--events ${module} exports no stream type (an object whose events are io-ts codecs, as defineStreamType gives)`);
    for (const [name, events] of found) {
      try {
        checkEventCodecs(events, `--events ${module}: ${name}`);
      } catch (error) {
        throw usageError(error instanceof Error ? error.message : String(error));
      }
      for (const [type, codec] of Object.entries(events)) {
        const known = codecs[type];
        if (known !== undefined && known !== codec) throw usageError(`--events ${module}: event type "${type}" is defined twice, with different codecs`);
        codecs[type] = codec;
      }
    }
  }
  return codecs;
};
