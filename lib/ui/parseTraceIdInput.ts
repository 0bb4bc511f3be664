// "Paste a base_id to jump to it": people paste whatever they copied, e.g. the lines
// `openstack --os-profile` prints ("Trace ID: 2d6c...\nDisplay trace with command: osprofiler
// trace show --html 2d6c..."), often with the command's own output above them (a table of the
// server's id, image, flavor: UUIDs too), a link to a trace page, or a few leading hex digits.
import { UUID_IN_TEXT } from "../notification/uuid";

// What the client labels as the trace, wherever it stands in the text; an <input> drops the
// newlines of a pasted text, so nothing here may depend on them.
const LABELLED = new RegExp(`trace id:\\s*(${UUID_IN_TEXT.source})`, "i");

/** A full base_id to open, a prefix to filter the list by, or null when the text holds neither. */
export function parseTraceIdInput(text: string): { traceId: string } | { prefix: string } | null {
  const full = LABELLED.exec(text)?.[1] ?? UUID_IN_TEXT.exec(text)?.[0];
  if (full) return { traceId: full.toLowerCase() };
  const prefix = text.trim().toLowerCase();
  return /^[0-9a-f][0-9a-f-]{0,35}$/.test(prefix) ? { prefix } : null;
}
