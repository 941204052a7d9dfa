/** A command line the service cannot start from. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
