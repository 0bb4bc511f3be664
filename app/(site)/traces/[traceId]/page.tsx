// /traces/{base_id}: a fast existence check on the server (a real 404 for unknown ids). An
// everyday trace then comes inlined, its first rows rendered into the HTML (lib/api/readInlineTrace);
// a big one is fetched by the browser, which draws it (a 100k-span trace never goes through a
// server-component payload). No loading.tsx here: it would start streaming before notFound().
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { preload } from "react-dom";
import { CompareWithBox } from "@/components/trace/CompareWithBox";
import { DatabaseUnreachablePage } from "@/components/ui/MessagePage";
import { getApiLogger } from "@/lib/api/apiLogger";
import { DATABASE_DOWN, readUnlessDatabaseDown } from "@/lib/api/readUnlessDatabaseDown";
import { TraceViewer } from "@/components/trace/TraceViewer";
import { parseIdParam } from "@/lib/api/parseIdParam";
import { readInlineTrace } from "@/lib/api/readInlineTrace";
import { PREVIEW_MIN_SPANS } from "@/lib/api/renderCompactTracePreview";
import { getReadDb } from "@/lib/db/readDb";
import { readTraceListItem } from "@/lib/db/readTraceListItem";
import { loadConfig } from "@/lib/config";
import { convertCompactToTrace, type CompactTrace } from "@/lib/trace";
import { compactTraceChunksUrl, compactTracePreviewUrl } from "@/lib/ui/apiUrls";
import { writeFindingsJson } from "@/lib/ui/findingsJson";
import { EAGER_FINDINGS_SPANS, explainWholeTrace } from "@/lib/ui/explainWholeTrace";
import { describeTruncation } from "@/lib/ui/describeTruncation";

export const dynamic = "force-dynamic";

/** The element after the page's content that its first paint waits for (the link below). */
const PAGE_END_ID = "trace-page-end";

type Props = { params: Promise<{ traceId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = parseIdParam((await params).traceId, "traceId");
  return { title: typeof id === "string" ? `Trace ${id.slice(0, 8)}` : "Not a valid trace id" };
}

export default async function TracePage({ params, searchParams }: Props) {
  const traceId = parseIdParam((await params).traceId, "traceId");
  // The layout refused a malformed id already.
  if (typeof traceId !== "string") notFound();
  const query = toQuery(await searchParams);
  const stored = await readUnlessDatabaseDown(
    async () => {
      const db = await getReadDb();
      const summary = await readTraceListItem(db, traceId);
      return summary && { summary, inline: await readInlineTrace(db, summary) };
    },
    getApiLogger(),
    `/traces/${traceId}`,
  );
  if (stored === DATABASE_DOWN)
    return <DatabaseUnreachablePage what="this trace" retryHref={`/traces/${traceId}${query && `?${query}`}`} />;
  if (!stored) notFound();
  const { summary, inline } = stored;
  // Otherwise the compact trace starts downloading with the HTML, not after the JavaScript has run;
  // for a big one its preview (the whole trace would keep the server busy while the scripts load).
  const hasPreview = summary.spanCount >= PREVIEW_MIN_SPANS;
  const first = hasPreview ? compactTracePreviewUrl(traceId) : compactTraceChunksUrl(traceId);
  if (!inline) preload(first, { as: "fetch", crossOrigin: "anonymous" });
  const inlineFindings = inline ? explainInlineTrace(inline.compactJson) : null;
  const truncation = describeTruncation(summary, loadConfig().limits);
  return (
    <>
      {/*
        Chrome paints a document it is still parsing (a busy machine, a slow link): a row whose
        button was not parsed yet, a button whose label was not, then moved once the rest came.
        Its first paint waits for the page's end instead (the rows, the details and the panels
        below them parsed; not the trace's data after them). React puts the link into the head.
      */}
      <link rel="expect" href={`#${PAGE_END_ID}`} blocking="render" />
      <TraceViewer
        key={traceId}
        traceId={traceId}
        initialQuery={query}
        inline={inline}
        inlineFindings={inlineFindings}
        askPreview={hasPreview}
        compare={<CompareWithBox traceId={traceId} />}
        truncation={truncation}
      />
      <div id={PAGE_END_ID} hidden />
    </>
  );
}

function toQuery(searchParams: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return params.toString();
}

/**
 * Computed here once, so the browser hydrates with them instead of computing them before its first
 * paint; sent as ASCII JSON, as the compact trace is (lib/api/escapeJsonToAscii.ts).
 */
function explainInlineTrace(compactJson: string): string | null {
  const trace = convertCompactToTrace(JSON.parse(compactJson) as CompactTrace);
  return trace.size <= EAGER_FINDINGS_SPANS ? writeFindingsJson(explainWholeTrace(trace)) : null;
}
