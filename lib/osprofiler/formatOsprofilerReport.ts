// Stored rows -> OSprofiler's report as the text `osprofiler trace show --json` prints: every
// raw payload expanded from its stored rest, the report built by convertSpansToOsprofilerReport, printed the way
// Python prints it (indent 2, trailing newline from print()), on one line if it is too deep.
import type { Json } from "../notification/types";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { SpanRow } from "../span/types";
import { convertSpansToOsprofilerReport, type OsprofilerReport } from "./convertSpansToOsprofilerReport";
import { formatJsonLikePython } from "./formatJsonLikePython";
import { chooseReportIndent } from "./chooseReportIndent";

export function convertSpanRowsToOsprofilerReport(rows: readonly SpanRow[]): OsprofilerReport {
  return convertSpansToOsprofilerReport(rows.map((row) => convertSpanRowToSpan(row, { payloads: true })));
}

export function formatOsprofilerReport(report: OsprofilerReport, maxIndentBytes?: number): string {
  const value = report as unknown as Json;
  return formatJsonLikePython(value, chooseReportIndent(value, 2, maxIndentBytes)) + "\n";
}
