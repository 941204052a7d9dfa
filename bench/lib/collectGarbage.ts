import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// `gc` is only exposed to code compiled after the flag is set: a fresh context's global has it.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as (() => void) | undefined;
setFlagsFromString("--no-expose-gc");

/**
 * A full collection now, so that a timed step does not pay for garbage the untimed work before
 * it left (and both sides of a comparison start from the same heap). Needs no `--expose-gc` on
 * the command line; a no-op if the runtime refuses the flag.
 */
export const collectGarbage = (): void => {
  if (typeof gc === "function") gc();
};
