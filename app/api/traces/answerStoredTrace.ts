// The common shape of every GET on one stored trace (compact form, OSprofiler JSON, dot, OTLP,
// span details): a malformed id is 400, an unknown one 404, and the ETag comes from the summary
// row, so a client that has the current version gets a 304 before any span is read.
import { getApiLogger } from "@/lib/api/apiLogger";
import { attachment } from "@/lib/api/contentDisposition";
import { parseIdParam } from "@/lib/api/parseIdParam";
import { answerSafely, jsonError } from "@/lib/api/respond";
import { traceDownloadName, type TraceDownload } from "@/lib/api/traceDownloadName";
import { computeTraceEtag, matchesIfNoneMatch } from "@/lib/api/traceEtag";
import type { TraceListItem } from "@/lib/trace/traceList";
import type { Db } from "@/lib/db/client";
import { getReadDb } from "@/lib/db/readDb";
import { readTraceListItem } from "@/lib/db/readTraceListItem";

export type TraceRepresentation = {
  /** Names the representation and its format version inside the ETag. */
  etagVariant: string;
  contentType: string;
  /** Headers for the answer and its 304, e.g. content-disposition, or what the summary row says (liveness). */
  headers?: (traceId: string, summary: TraceListItem) => Record<string, string>;
  /** A download: its file name (lib/api/traceDownloadName) in the answer's content-disposition. */
  download?: TraceDownload;
  /** The body: a text, or a stream for representations too big to hold as one string (`summary`: the trace's row, e.g. its span count). */
  render(db: Db, traceId: string, summary: TraceListItem): Promise<string | ReadableStream<Uint8Array>>;
};

type Context = { params: Promise<{ traceId: string }> };

/** A route's GET: the representation (chosen from the request's query, if it depends on it) of the trace its path names. */
export function storedTraceRoute(representation: TraceRepresentation | ((request: Request) => TraceRepresentation)) {
  return (request: Request, context: Context): Promise<Response> =>
    answerStoredTrace(
      request,
      context.params.then((p) => p.traceId),
      typeof representation === "function" ? representation(request) : representation,
    );
}

function answerStoredTrace(request: Request, rawTraceId: Promise<string>, representation: TraceRepresentation): Promise<Response> {
  return answerSafely(request, getApiLogger(), async () => {
    const traceId = parseIdParam(await rawTraceId, "traceId");
    if (typeof traceId !== "string") return jsonError(400, traceId.error);
    const db = await getReadDb();
    const summary = await readTraceListItem(db, traceId);
    if (!summary) return jsonError(404, `no trace ${traceId} is stored`);
    const etag = computeTraceEtag(summary, representation.etagVariant);
    // no-cache: keep it, but ask every time; a trace can still be growing.
    const headers = {
      etag,
      "cache-control": "no-cache",
      ...(representation.download && { "content-disposition": attachment(traceDownloadName(traceId, representation.download)) }),
      ...representation.headers?.(traceId, summary),
    };
    if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    const body = await representation.render(db, traceId, summary);
    return new Response(body, { headers: { ...headers, "content-type": representation.contentType } });
  });
}
