// One messy synthetic trace as stored rows (both halves of a span merged, as ingest stores them),
// in the database's order (span id), for the export tests: errors, lost stops, duplicates,
// shuffled arrival and clock skew.
import { decodeMessageBody } from "../lib/notification/decodeMessage";
import { convertNotificationToSpanRow } from "../lib/span/convertNotificationToSpanRow";
import { mergeSpanRows } from "../lib/span/mergeSpanRows";
import type { SpanRow } from "../lib/span/types";
import { convertNotificationToOsloMessage, generateProfilerNotifications, type ScenarioName } from "./synthetic";

export function syntheticSpanRows(scenario: ScenarioName, spanCount: number, seed: number): { rows: SpanRow[]; traceId: string } {
  const encoder = new TextEncoder();
  const rows = new Map<string, SpanRow>();
  let traceId = "";
  for (const n of generateProfilerNotifications({
    scenario,
    spanCount,
    traces: 1,
    errorRate: 0.5,
    seed,
    messiness: { dropStopRate: 0.05, duplicateRate: 0.02, shuffleWindow: 50, clockSkewUs: 20_000 },
  })) {
    const decoded = decodeMessageBody(encoder.encode(convertNotificationToOsloMessage(n).body), 1 << 20);
    if (!("traceId" in decoded)) throw new Error("synthetic notification not decodable");
    traceId = decoded.traceId;
    const row = convertNotificationToSpanRow(decoded);
    const existing = rows.get(decoded.spanId);
    rows.set(decoded.spanId, existing ? mergeSpanRows(existing, row).row : row);
  }
  return { rows: [...rows.values()].sort((a, b) => (a.spanId < b.spanId ? -1 : 1)), traceId };
}
