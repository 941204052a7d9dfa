import { readFileSync } from "node:fs";

/*
 * README examples are kept the very files CI runs: each README block after a marker
 * `<!-- path/of/the/example.ts -->` must equal that file, which a readmeSync test checks.
 */

/** The fenced ```ts block that follows `<!-- marker -->` in `readme`; `undefined` without the marker. */
export const blockAfter = (readme: string, marker: string): string | undefined => {
  const start = readme.indexOf(`<!-- ${marker} -->`);
  if (start < 0) return undefined;
  const open = readme.indexOf("```ts\n", start) + "```ts\n".length;
  return readme.slice(open, readme.indexOf("```", open));
};

/** A file's text, by a path relative to `base` (a test's `import.meta.url`). */
export const readBeside = (base: string, path: string): string => readFileSync(new URL(path, base), "utf8");
