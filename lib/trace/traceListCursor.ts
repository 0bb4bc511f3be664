// Keyset pagination for the trace list: a cursor is the sort key and trace id of the last row of
// a page, so the next page starts strictly after it whatever was stored in between (no offset
// that shifts under new traces, no duplicates, no gaps). Opaque to clients: base64url text.
import type { TraceListSort } from "./traceList";

export type TraceListCursor = {
  sort: TraceListSort;
  /** start_us for "newest", duration_us for "slowest", answered_us for "answered". */
  key: number;
  traceId: string;
};

const PATTERN = /^(newest|slowest|answered):(-?\d{1,17}):([0-9a-f-]{1,64})$/;

export function encodeTraceListCursor(cursor: TraceListCursor): string {
  // ASCII only, so btoa is exact; btoa/atob rather than Buffer because the browser imports this too.
  return btoa(`${cursor.sort}:${cursor.key}:${cursor.traceId}`).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeTraceListCursor(text: string): TraceListCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  let decoded: string;
  try {
    decoded = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
  const m = PATTERN.exec(decoded);
  if (!m) return null;
  const key = Number(m[2]);
  if (!Number.isSafeInteger(key)) return null;
  return { sort: m[1] as TraceListSort, key, traceId: m[3]! };
}
