// A stored row into a report's plan, its payload rests parsed only when the plan needs them:
// while it prices the indentation (wantsPayloads), and otherwise only for a rest that may give
// the node another name, trace_id, parent_id, project, service or host than the row's columns.
// A rest keeps only what the columns cannot reproduce (lib/span/payloadRest.ts): a payload field
// equal to its column is left out, and a missing or non-text one makes createOsprofilerNode fall
// back to the column anyway; so a rest without any of those keys in its text builds the same
// node from the columns alone. The test is on the text, so it can only err towards parsing.
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { SpanRow } from "../span/types";
import type { OsprofilerReportPlanner } from "./planOsprofilerReport";

const NODE_KEYS = ['"name"', '"trace_id"', '"parent_id"', '"project"', '"service"', '"host"'];

export function addRowToReportPlan(planner: OsprofilerReportPlanner, row: SpanRow): void {
  const payloads = planner.wantsPayloads || mayRenameNode(row.startRest) || mayRenameNode(row.stopRest);
  planner.add(convertSpanRowToSpan(row, { payloads }));
}

function mayRenameNode(rest: string | null): boolean {
  if (rest === null) return false;
  for (const key of NODE_KEYS) if (rest.includes(key)) return true;
  return false;
}
