// One name per export of a trace, for the server's Content-Disposition and the page's `download`
// attribute alike: two spellings of it drifted apart once (osprofiler-<id>.json on the page).
const SUFFIX = { osprofilerJson: "osprofiler.json", osprofilerDot: "osprofiler.dot", otlpJson: "otlp.json" } as const;

export type TraceDownload = keyof typeof SUFFIX;

/** "<base_id>.osprofiler.json", "<base_id>.osprofiler.dot", "<base_id>.otlp.json". */
export function traceDownloadName(traceId: string, download: TraceDownload): string {
  return `${traceId}.${SUFFIX[download]}`;
}
