/** A file-system error reading `path`, in one line: what a user can act on, not a stack. */
export const describeFsError = (path: string, error: unknown): string => {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  if (code === "ENOENT") return `cannot read ${path}: no such file`;
  if (code === "EISDIR") return `cannot read ${path}: it is a directory`;
  if (code === "EACCES") return `cannot read ${path}: permission denied`;
  return `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`;
};
