import * as E from "fp-ts/lib/Either.js";
import type { Upcaster } from "./upcaster.js";

/**
 * The versions of the event types a reader knows: each type's current version, and the
 * upcasters that read every older one. Make one with {@link createEventVersioning}; the built-in
 * one is {@link EVENT_VERSIONING}.
 */
export interface EventVersioning {
  /** The current version of each event type it names; a type it does not name is at version 1. */
  readonly current: ReadonlyMap<string, number>;
  /** Per event type, its upcasters in order: the one at index `i` reads version `i + 1`. */
  readonly upcasters: ReadonlyMap<string, readonly Upcaster[]>;
}

/** What an {@link EventVersioning} is made of: the version table and the upcasters. */
export interface EventVersionsSpec {
  /** The current version of each event type, a whole number from 1; a type left out is at version 1. */
  readonly versions: Readonly<Record<string, number>>;
  /** For a type at version `n`, exactly one upcaster from each of the versions 1 to `n - 1`. */
  readonly upcasters: readonly Upcaster[];
}

/** The version table and the upcasters do not make one chain per type: `reason` says how. */
export interface UpcasterChainBroken {
  /** Always `"UpcasterChainBroken"`. */
  readonly _tag: "UpcasterChainBroken";
  /** The event type whose versions do not add up. */
  readonly type: string;
  /** What is wrong, e.g. `version 2 has no upcaster from version 1`. */
  readonly reason: string;
}

const isVersion = (value: unknown): value is number => typeof value === "number" && Number.isSafeInteger(value) && value >= 1;

const chainOf = (type: string, version: number, upcasters: readonly Upcaster[]): E.Either<UpcasterChainBroken, readonly Upcaster[]> => {
  const broken = (reason: string) => E.left<UpcasterChainBroken>({ _tag: "UpcasterChainBroken", type, reason });
  if (!isVersion(version)) return broken(`its version ${String(version)} is not a whole number from 1`);
  const chain: Upcaster[] = [];
  for (let from = 1; from < version; from++) {
    const found = upcasters.filter((upcaster) => upcaster.from === from);
    if (found.length === 0) return broken(`version ${version} has no upcaster from version ${from}`);
    if (found.length > 1) return broken(`${found.length} upcasters read version ${from}`);
    chain.push(found[0] as Upcaster);
  }
  const beyond = upcasters.find((upcaster) => !isVersion(upcaster.from) || upcaster.from >= version);
  if (beyond !== undefined) return broken(`an upcaster reads version ${beyond.from}, but the current version is ${version}`);
  return E.right(chain);
};

/**
 * The versioning of a version table and its upcasters, on top of `base` (whose types it may
 * raise to later versions, with the upcasters from the versions `base` knows on): a user's own
 * event types, or a later version of a built-in one, are added so. Refused, as
 * {@link UpcasterChainBroken}, unless every type at version `n` has exactly one upcaster from each
 * version 1 to `n - 1` and none from elsewhere.
 */
export const createEventVersioning = (spec: EventVersionsSpec, base?: EventVersioning): E.Either<UpcasterChainBroken, EventVersioning> => {
  const current = new Map(base?.current);
  const chains = new Map(base?.upcasters);
  const types = new Set([...Object.keys(spec.versions), ...spec.upcasters.map((upcaster) => upcaster.type)]);
  for (const type of types) {
    const version = Object.hasOwn(spec.versions, type) ? (spec.versions[type] as number) : 1;
    const own = spec.upcasters.filter((upcaster) => upcaster.type === type);
    const chain = chainOf(type, version, [...(chains.get(type) ?? []), ...own]);
    if (E.isLeft(chain)) return chain;
    current.set(type, version);
    chains.set(type, chain.right);
  }
  return E.right({ current, upcasters: chains });
};

/** The current version of an event type: what the command handler writes in `schemaVersion`. */
export const currentVersion = (versioning: EventVersioning, type: string): number => versioning.current.get(type) ?? 1;
