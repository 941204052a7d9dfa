/**
 * Text from the history (round and grant names, titles, applicants) goes into the report only
 * through {@link escapeHtml}: a name holding `<script>` or a quote must stay text, in element
 * content and in attribute values alike.
 */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character] ?? character);

/** Markup already made safe: what the report's pieces hand each other, so nothing is escaped twice or forgotten. */
export interface Html {
  readonly html: string;
}

/** Marks markup built here (never text from the history) as safe. */
export const raw = (html: string): Html => ({ html });

/** A piece of the page: text is escaped, markup is kept. */
export type Piece = string | number | Html | readonly Piece[] | undefined;

const render = (piece: Piece): string => {
  if (piece === undefined) return "";
  if (typeof piece === "string") return escapeHtml(piece);
  if (typeof piece === "number") return String(piece);
  if ("html" in piece) return piece.html;
  return piece.map(render).join("");
};

/** Joins pieces into markup, escaping every string among them. */
export const join = (...pieces: readonly Piece[]): Html => raw(pieces.map(render).join(""));

/**
 * An element: `tag` and attribute names are the report's own; attribute values and the
 * children's strings are escaped.
 */
export const el = (tag: string, attributes: Readonly<Record<string, string | undefined>>, ...children: readonly Piece[]): Html => {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join("");
  return raw(`<${tag}${attrs}>${render(children)}</${tag}>`);
};
