// An exception message cut at each NUL and lone surrogate, so the span details panel can label
// them: the page's form of such a message writes them as escapes (\u0000, lib/span/showUnstorable.ts),
// which a clean message's own six characters \u0000 read the same as; the raw message (the span
// API's) tells them apart, and the label shows which is which.
import { UNSTORABLE } from "../span/showUnstorable";

export type MessagePart = { text: string; unstorable: boolean };

const EACH_UNSTORABLE = new RegExp(UNSTORABLE, "g");

/** The raw message in order: its plain parts and each unstorable character alone; a message with none is one plain part. */
export function splitUnstorable(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let at = 0;
  for (const hit of message.matchAll(EACH_UNSTORABLE)) {
    if (hit.index > at) parts.push({ text: message.slice(at, hit.index), unstorable: false });
    parts.push({ text: hit[0], unstorable: true });
    at = hit.index + hit[0].length;
  }
  if (at < message.length || parts.length === 0) parts.push({ text: message.slice(at), unstorable: false });
  return parts;
}

/** What the label of an unstorable character says: NUL, or a lone surrogate's code (U+D800). */
export function nameUnstorable(char: string): string {
  const code = char.charCodeAt(0);
  return code === 0 ? "NUL" : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}
