// JSON text -> text that is safe inside <script type="application/json">. The HTML tokenizer
// ends a script at "</script" whatever JSON says, and "<!--" changes how it reads what follows;
// U+2028/U+2029 end lines in older JavaScript. Every one of them can only stand inside a JSON
// string, where a \u escape means the same character, so a plain replace keeps the JSON equal.
import { escapeJsonCharacters } from "../api/escapeJsonCharacters";

const UNSAFE = /[<>&\u2028\u2029]/g;

export function escapeInlineJson(json: string): string {
  return escapeJsonCharacters(json, UNSAFE);
}
