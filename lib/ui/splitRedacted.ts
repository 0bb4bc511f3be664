// A payload text cut where ingest masked a secret (lib/notification/redactedMarker.ts), so the
// details panel can show each masked part as a "redacted" label instead of a plain string.
import { REDACTED } from "../notification/redactedMarker";

export type TextPart = { text: string; redacted: boolean };

/** The text in order: plain parts and the masked ones; a text without the marker is one plain part. */
export function splitRedacted(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (let hit = text.indexOf(REDACTED); hit >= 0; hit = text.indexOf(REDACTED, at)) {
    if (hit > at) parts.push({ text: text.slice(at, hit), redacted: false });
    parts.push({ text: REDACTED, redacted: true });
    at = hit + REDACTED.length;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), redacted: false });
  return parts;
}
