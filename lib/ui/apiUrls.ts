// The API addresses the UI calls, in one place for client and server components.
const enc = encodeURIComponent;

/** The list's page of traces whose base_id starts with `prefix` (GET /api/traces). */
export const tracesByIdPrefixUrl = (prefix: string, limit: number) => `/api/traces?traceId=${enc(prefix)}&limit=${limit}`;
export const compactTraceUrl = (traceId: string) => `/api/traces/${enc(traceId)}`;
/** The same trace as newline-delimited JSON chunks, read by the trace page as they arrive. */
export const compactTraceChunksUrl = (traceId: string) => `/api/traces/${enc(traceId)}?chunks=1`;
/** A big trace's first spans, drawn before the whole trace is asked for (`null` for a smaller one). */
export const compactTracePreviewUrl = (traceId: string) => `/api/traces/${enc(traceId)}?preview=1`;
export const spanDetailsUrl = (traceId: string, spanId: string) => `/api/traces/${enc(traceId)}/spans/${enc(spanId)}`;
/** Which of the trace's texts clipped for display match a search in full (lib/api/searchClippedTexts.ts). */
export const clippedTextSearchUrl = (
  traceId: string,
  search: { text: string; regex?: boolean; caseSensitive?: boolean },
  clippedAbove: number,
) =>
  `/api/traces/${enc(traceId)}/search?q=${enc(search.text)}${search.regex ? "&re=1" : ""}${search.caseSensitive ? "&case=1" : ""}&clip=${clippedAbove}`;
export const osprofilerReportUrl = (traceId: string) => `/api/traces/${enc(traceId)}/osprofiler.json`;
export const osprofilerDotUrl = (traceId: string) => `/api/traces/${enc(traceId)}/osprofiler.dot`;
export const otlpJsonUrl = (traceId: string) => `/api/traces/${enc(traceId)}/otlp.json`;
export const typicalComparisonUrl = (traceId: string) => `/api/traces/${enc(traceId)}/typical`;
export const statementPageUrl = (keyHash: string) => `/statements/${enc(keyHash)}`;
export const tracePageUrl = (traceId: string) => `/traces/${enc(traceId)}`;
export const comparePageUrl = (aTraceId: string, bTraceId: string) => `/compare/${enc(aTraceId)}/${enc(bTraceId)}`;
