// JSON text for the trace page's server-component payload, kept to ASCII. Next.js writes the
// payload into the HTML as one JavaScript string per chunk (decoding it, JSON-quoting it,
// HTML-escaping it and encoding it again on every render), and V8 stores a string with a single
// character past Latin-1 (the "…" of a folded SQL list in the findings) as two bytes per
// character: that one character made those steps several times slower for the whole chunk, the
// inlined compact trace included (docs/benchmarks.md §52). Escaped, the characters are the same
// once the JSON is parsed.
import { escapeJsonCharacters } from "./escapeJsonCharacters";

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/g;

/**
 * The same JSON with every character past ASCII written as a `\uXXXX` escape (a surrogate pair as
 * two): JSON.parse gives back the same value. Outside string literals JSON is ASCII anyway.
 */
export function escapeJsonToAscii(json: string): string {
  if (!NON_ASCII.test(json)) return json;
  return escapeJsonCharacters(json, NON_ASCII_ALL);
}
