// The trace model: spans -> trace tree -> views (filters, search) -> timeline rows, with
// breakdowns and the compact wire form (OSprofiler's report is lib/osprofiler). Pure: runs in
// Node and in the browser alike.
export { buildTimelineRows, findParentRow, findRow, readTimelineRow, type TimelineRow, type TimelineRows } from "./buildTimelineRows";
export { buildTrace } from "./buildTrace";
export { expandToLevel } from "./expandToLevel";
export { COMPACT_TRACE_VERSION, type CompactTrace } from "./compactTrace";
export { computeBar, MIN_BAR_WIDTH, traceAxis, type Bar, type TimeAxis } from "./computeBar";
export { computeBreakdowns, type Breakdown, type BreakdownRow, type TraceBreakdowns } from "./computeBreakdowns";
export { computeCriticalPath, type CriticalGap, type CriticalPath } from "./computeCriticalPath";
export { projectCriticalPath, type ViewCriticalPath } from "./projectCriticalPath";
export { computeDbBreakdown, type DbBreakdown, type DbBreakdownOptions, type DbStatementGroup } from "./computeDbBreakdown";
export { computeSelfTimes } from "./computeSelfTimes";
export { convertCompactToTrace } from "./convertCompactToTrace";
export { convertTraceToCompact } from "./convertTraceToCompact";
export { createTraceView, DB_SPAN_NAMES, hasViewChildren, type HiddenCounts, type TraceFilter, type TraceView } from "./createTraceView";
export { estimateClockSkew, shiftClocks, type ClockSkew, type HostSkew } from "./estimateClockSkew";
export { explainTrace, type CallGroup, type ExplainOptions, type FindingFacts, type TraceFinding } from "./explainTrace";
export { findSpanIndex } from "./findSpanIndex";
export { labelCall, labelService, shortenFunction, shortenSql } from "./labelCall";
export { listLongestSpans, type LongestSpans } from "./listLongestSpans";
export { normalizeSql } from "./normalizeSql";
export { readParentId, readSpan } from "./readSpan";
export { compileSpanSearch, isSearchError, matchSpans, type SearchError, type SpanMatcher, type SpanSearch } from "./searchSpans";
export { summarizeSubtree, type SubtreeSummary } from "./summarizeSubtree";
export { summarizeTrace, type TraceSummary } from "./summarizeTrace";
export { SpanFlag, type Trace, type TraceSpan } from "./types";
