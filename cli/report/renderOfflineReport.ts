// The offline report's file from what the server sent: the compact trace (its JSON text) and
// each span's details line (NDJSON), the payloads kept within the budget.
import { buildOfflineReportHtml } from "../../lib/cli/buildOfflineReportHtml";
import type { OfflineReportMeta } from "../../lib/cli/offlineReport";
import { selectInlinedDetails, type DetailsEntry } from "../../lib/cli/selectInlinedDetails";
import type { CompactTrace } from "../../lib/trace/compactTrace";
import { bundleOfflineViewer } from "./bundleOfflineViewer";

export type OfflineReportInput = {
  traceId: string;
  serverUrl: string;
  /** GET /api/traces/{id}, as received. */
  traceText: string;
  /** Span id -> its line of GET /api/traces/{id}/spans, as received. */
  details: ReadonlyMap<string, string>;
  payloadsBytes: number;
  writtenAt?: Date;
};

export type OfflineReport = { html: string; spans: number; keptSpans: number; keptBytes: number; allBytes: number };

export async function renderOfflineReport(input: OfflineReportInput): Promise<OfflineReport> {
  const viewer = bundleOfflineViewer();
  const compact = JSON.parse(input.traceText) as CompactTrace;
  const entries: DetailsEntry[] = [...input.details].map(([spanId, line]) => ({ spanId, bytes: Buffer.byteLength(line) }));
  const chosen = selectInlinedDetails(compact, entries, input.payloadsBytes);
  const meta: OfflineReportMeta = {
    traceId: input.traceId,
    serverUrl: input.serverUrl,
    writtenAt: (input.writtenAt ?? new Date()).toISOString(),
    spanCount: compact.ids.length,
    payloads: { included: chosen.size, total: compact.ids.length, budgetBytes: input.payloadsBytes },
  };
  // The payload lines go in as the server wrote them, keyed by span id.
  const details = `{${[...chosen].map((id) => `${JSON.stringify(id)}:${input.details.get(id)}`).join(",")}}`;
  const { script, css } = await viewer;
  const html = buildOfflineReportHtml({
    title: `Trace ${input.traceId.slice(0, 8)} · ostrace report`,
    script,
    css,
    meta: JSON.stringify(meta),
    trace: input.traceText,
    details,
  });
  const sum = (list: DetailsEntry[]) => list.reduce((total, e) => total + e.bytes, 0);
  return {
    html,
    spans: compact.ids.length,
    keptSpans: chosen.size,
    keptBytes: sum(entries.filter((e) => chosen.has(e.spanId))),
    allBytes: sum(entries),
  };
}
