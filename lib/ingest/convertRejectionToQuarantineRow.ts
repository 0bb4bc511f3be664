import type { QuarantineRow } from "./types";

type Origin = { source: QuarantineRow["source"]; origin: string | null };

/** A rejected message as the quarantine keeps it: the reason, and the body cut at `maxBytes`. */
export function convertRejectionToQuarantineRow(
  body: Uint8Array,
  reason: string,
  from: Origin,
  maxBytes: number,
  receivedUs: number,
): QuarantineRow {
  const truncated = body.byteLength > maxBytes;
  return {
    receivedUs,
    source: from.source,
    origin: from.origin,
    reason,
    // A copy, so a kept slice does not pin a large delivery buffer in memory.
    body: truncated ? body.slice(0, maxBytes) : body,
    bodyBytes: body.byteLength,
    truncated,
  };
}
