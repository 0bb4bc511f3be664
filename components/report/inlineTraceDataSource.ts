// The offline report's data source: the trace and the span details come from the JSON blocks
// inlined in the file (lib/cli/offlineReport.ts), never from the network. The details block,
// the big one, is parsed the first time a span is opened.
import type { SpanDetails } from "@/lib/api/types";
import { REPORT_BLOCK, type OfflineReportDetails, type OfflineReportMeta } from "@/lib/cli/offlineReport";
import type { CompactTrace } from "@/lib/trace";
import { formatMegabytes } from "@/lib/cli/formatMegabytes";
import type { TraceDataSource } from "../trace/traceDataSource";

function readBlock<T>(id: string): T {
  const element = document.getElementById(id);
  if (!element?.textContent) throw new Error(`the report has no ${id} block`);
  return JSON.parse(element.textContent) as T;
}

export function readReportMeta(): OfflineReportMeta {
  return readBlock<OfflineReportMeta>(REPORT_BLOCK.meta);
}

export function createInlineTraceDataSource(meta: OfflineReportMeta): TraceDataSource {
  let details: OfflineReportDetails | null = null;
  const server = meta.serverUrl.replace(/\/+$/, "");
  const api = (traceId: string) => `${server}/api/traces/${encodeURIComponent(traceId)}`;
  return {
    async loadTrace(traceId) {
      const compact = readBlock<CompactTrace>(REPORT_BLOCK.trace);
      // A report is a snapshot: never live, nothing to poll.
      return compact.traceId === traceId ? { status: "ready", compact, etag: null, liveness: null } : { status: "not-found" };
    },
    async loadSpanDetails(traceId, spanId): Promise<SpanDetails> {
      details ??= readBlock<OfflineReportDetails>(REPORT_BLOCK.details);
      const span = Object.hasOwn(details, spanId) ? details[spanId] : undefined;
      if (span) return span;
      const { included, total, budgetBytes } = meta.payloads;
      throw new Error(
        `not in this file: it keeps the raw payloads of ${included.toLocaleString("en")} of ${total.toLocaleString("en")} spans ` +
          `(${formatMegabytes(budgetBytes)} budget, --payloads-mb). On the server: ${api(traceId)}/spans/${spanId}`,
      );
    },
    downloads: (traceId) => ({
      osprofilerJson: `${api(traceId)}/osprofiler.json`,
      osprofilerDot: `${api(traceId)}/osprofiler.dot`,
      otlpJson: `${api(traceId)}/otlp.json`,
    }),
  };
}
