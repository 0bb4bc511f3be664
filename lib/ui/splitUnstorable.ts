// An exception message cut at each NUL and lone surrogate, so the span details panel can label
// them: the page's form of such a message writes them as escapes (\u0000, lib/span/showUnstorable.ts),
// which a clean message's own six characters \u0000 read the same as; the raw message (the span
// API's) tells them apart, and the label shows which is which.
import { showUnstorable, UNSTORABLE } from "../span/showUnstorable";

/** A plain part, or a run of one unstorable character (`text` that character `text.length` times). */
export type MessagePart = { text: string; unstorable: boolean };

const EACH_UNSTORABLE = new RegExp(UNSTORABLE, "g");
/**
 * Labels at most: a hostile message can hold 65,536 such characters, one element each. Past the
 * cap the rest of the message is one plain part in the page's form (its escapes), still readable.
 */
export const MAX_UNSTORABLE_LABELS = 100;

/**
 * The raw message in order: its plain parts and its unstorable characters, a run of the same one
 * as one part; a message with none is one plain part. Past MAX_UNSTORABLE_LABELS runs, the rest
 * is one plain part as showUnstorable writes it.
 */
export function splitUnstorable(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let at = 0,
    labels = 0;
  // The run being read: message[runFrom .. at) is one unstorable character repeated.
  let runFrom = -1;
  const endRun = () => {
    if (runFrom >= 0) parts.push({ text: message.slice(runFrom, at), unstorable: true });
    runFrom = -1;
  };
  for (const hit of message.matchAll(EACH_UNSTORABLE)) {
    if (!(runFrom >= 0 && hit.index === at && message[runFrom] === hit[0])) {
      endRun();
      if (labels === MAX_UNSTORABLE_LABELS) {
        parts.push({ text: showUnstorable(message.slice(at)), unstorable: false });
        return parts;
      }
      if (hit.index > at) parts.push({ text: message.slice(at, hit.index), unstorable: false });
      runFrom = hit.index;
      labels++;
    }
    at = hit.index + hit[0].length;
  }
  endRun();
  if (at < message.length || parts.length === 0) parts.push({ text: message.slice(at), unstorable: false });
  return parts;
}

/** What the label of an unstorable character (or a run of it) says: NUL, or a lone surrogate's code (U+D800). */
export function nameUnstorable(char: string): string {
  const code = char.charCodeAt(0);
  return code === 0 ? "NUL" : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}
