// A big OSprofiler report on disk, for the import benchmark and the import form's browser test: one synthetic boot-server trace of
// the requested size, through the wire format and the collector's decoder (so its payloads are
// what a real service sends), then printed as `osprofiler trace show --json` prints it.
import { writeFileSync } from "node:fs";
import { decodeMessageBody } from "@/lib/notification/decodeMessage";
import type { Json } from "@/lib/notification/types";
import { convertNotificationToSpanRow } from "@/lib/span/convertNotificationToSpanRow";
import { convertSpanRowToSpan } from "@/lib/span/convertSpanRowToSpan";
import { mergeSpanRows } from "@/lib/span/mergeSpanRows";
import type { SpanRow } from "@/lib/span/types";
import { convertNotificationToOsloMessage, generateProfilerNotifications } from "@/testing/synthetic";
import { convertSpansToOsprofilerReport } from "@/lib/osprofiler/convertSpansToOsprofilerReport";
import { formatJsonLikePython } from "@/lib/osprofiler/formatJsonLikePython";

export type ReportFile = { path: string; bytes: number; traceId: string; spans: number; notifications: number };

/** `indent` 2 is what the CLI writes; null is Python's compact one-line json.dumps. */
export function writeReportFile(path: string, spanCount: number, indent: number | null = 2): ReportFile {
  const encoder = new TextEncoder();
  const rows = new Map<string, SpanRow>();
  let traceId = "";
  let notifications = 0;
  for (const n of generateProfilerNotifications({
    scenario: "boot-server",
    spanCount,
    traces: 1,
    errorRate: 0,
    seed: `import-${spanCount}`,
    start: "2024-05-01T12:00:00",
  })) {
    const decoded = decodeMessageBody(encoder.encode(convertNotificationToOsloMessage(n).body), 1 << 20);
    if (!("traceId" in decoded)) throw new Error(`synthetic notification not decodable: ${JSON.stringify(decoded)}`);
    traceId = decoded.traceId;
    notifications++;
    const row = convertNotificationToSpanRow(decoded);
    const existing = rows.get(decoded.spanId);
    rows.set(decoded.spanId, existing ? mergeSpanRows(existing, row).row : row);
  }
  const report = convertSpansToOsprofilerReport([...rows.values()].map((row) => convertSpanRowToSpan(row)));
  const text = formatJsonLikePython(report as unknown as Json, indent) + "\n";
  writeFileSync(path, text);
  return { path, bytes: Buffer.byteLength(text), traceId, spans: rows.size, notifications };
}
