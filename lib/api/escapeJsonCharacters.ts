// Inside JSON text, a character can only stand outside ASCII (or be one that HTML or old
// JavaScript reads specially) within a string literal, where its \u escape means the same
// character: so escaping every match of a pattern keeps the JSON equal once parsed, whatever the
// pattern picks. The page's payload and the offline report pick different characters, for
// different reasons (escapeJsonToAscii.ts, lib/cli/escapeInlineJson.ts).

/** The same JSON with every match of `pattern` (a global regex of single UTF-16 units) as a `\uXXXX` escape. */
export function escapeJsonCharacters(json: string, pattern: RegExp): string {
  return json.replace(pattern, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
