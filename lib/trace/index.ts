// The trace model: spans -> trace tree -> views (filters, search) -> timeline rows, with
// breakdowns and the compact wire form (OSprofiler's report is lib/osprofiler). Pure: runs in
// Node and in the browser alike.
export { buildTimelineRows, findParentRow, findRow, readTimelineRow, type TimelineRows } from "./buildTimelineRows";
export { findPathFolds, listFoldsHolding, measurePathWithin, readFoldSpans } from "./findPathFolds";
export { buildTrace } from "./buildTrace";
export { countFoldedSpans } from "./countFoldedSpans";
export { expandToLevel } from "./expandToLevel";
export { COMPACT_TRACE_VERSION, type CompactTrace } from "./compactTrace";
export { computeBar, traceAxis, type TimeAxis } from "./computeBar";
export { computeBreakdowns, type Breakdown } from "./computeBreakdowns";
export { stepBreakdowns } from "./stepBreakdowns";
export { runSteps, stepOncePer, type Steps } from "./runSteps";
export { computeCriticalPath, stepCriticalPath, type CriticalPath, type PathTimes } from "./computeCriticalPath";
export { computeDbBreakdown, stepDbBreakdown, type DbBreakdown } from "./computeDbBreakdown";
export { computeSelfTimes } from "./computeSelfTimes";
export { convertCompactToTrace } from "./convertCompactToTrace";
export { convertTraceToCompact } from "./convertTraceToCompact";
export { createTraceView, DB_SPAN_NAMES, hasViewChildren, prepareTraceView, type TraceFilter, type TraceView } from "./createTraceView";
export { findNextMatch } from "./findNextMatch";
export { estimateClockSkew, shiftClocks, type ClockSkew } from "./estimateClockSkew";
export { explainTrace, stepExplainTrace, type CallGroup, type TraceFinding } from "./explainTrace";
export { findSpanIndex } from "./findSpanIndex";
export { labelCall, labelService, shortenSql } from "./labelCall";
export { measureAsyncTail } from "./measureAsyncTail";
export { listLongestSpans } from "./listLongestSpans";
export { readSpan } from "./readSpan";
export type { SpanSearch } from "./searchSpans";
export { loadRegexEngine } from "./regexEngine";
export { prepareSubtreeSummaries, summarizeSubtree } from "./summarizeSubtree";
export { summarizeTrace, type TraceSummary } from "./summarizeTrace";
export { workOutlivedAnswer } from "./workOutlivedAnswer";
export { SpanFlag, type Trace } from "./types";
export { AlignClass, alignTraces, type TraceAlignment } from "./alignTraces";
export { alignCriticalPaths } from "./alignCriticalPaths";
export { summarizeAlignment, type AlignmentSummary, type CallChange } from "./summarizeAlignment";
