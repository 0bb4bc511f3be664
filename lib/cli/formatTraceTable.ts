// `ostrace trace list` as `osprofiler trace list` prints it (prettytable, left-aligned, with
// +---+ borders), with the columns an operator needs to pick a trace.
import type { TraceListItem } from "../trace/traceList";
import { describeRootRequest } from "../ui/describeTraceListItem";
import { formatDurationUs } from "../ui/formatDuration";
import { formatOsprofilerTime } from "./formatOsprofilerTime";
import { sanitizeTerminalText } from "./sanitizeTerminalText";

// "answered": the root request's own duration, which for an asynchronous request (server create)
// is far less than the trace's; "-" until its stop arrived.
const COLUMNS = ["base_id", "start (UTC)", "duration", "answered", "request", "spans", "errors"] as const;
const MAX_REQUEST_CHARS = 60;

export function formatTraceTable(traces: readonly TraceListItem[]): string {
  const rows = traces.map((t) => [
    t.traceId,
    formatOsprofilerTime(t.startUs),
    formatDurationUs(t.durationUs, " "),
    t.answeredUs === null ? "-" : formatDurationUs(t.answeredUs, " "),
    sanitizeTerminalText(describeRootRequest(t), MAX_REQUEST_CHARS),
    t.spanCount.toLocaleString("en"),
    t.errorCount.toLocaleString("en"),
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(width(c), ...rows.map((r) => width(r[i]!))));
  const rule = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c + " ".repeat(widths[i]! - width(c))).join(" | ")} |`;
  return [rule, line(COLUMNS), rule, ...rows.map(line), rule].join("\n");
}

/** Columns on a terminal: code points, not UTF-16 units (an emoji in a path is one column, or near enough). */
function width(text: string): number {
  return Array.from(text).length;
}
