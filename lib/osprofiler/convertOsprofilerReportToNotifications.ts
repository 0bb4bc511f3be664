// An OSprofiler report (what `osprofiler trace show --json` wrote) -> the notifications it was
// made from: every node keeps each raw payload under "meta.raw_payload.<name>-start/-stop", so a
// trace collected elsewhere can be imported through the same path as live traffic.
import { parseProfilerPayload } from "../notification/parseProfilerPayload";
import type { Notification } from "../notification/types";

export type ReportNotifications = {
  traceId: string;
  notifications: Notification[];
  /** Payloads that are not valid OSprofiler notifications, with where they were and why. */
  rejected: { path: string; reason: string }[];
};

export type ReportError = { error: string };

const RAW = "meta.raw_payload.";

export function convertOsprofilerReportToNotifications(report: unknown): ReportNotifications | ReportError {
  if (!isRecord(report) || !Array.isArray(report.children)) {
    return { error: 'not an OSprofiler report: expected a JSON object with a "children" array (the output of `osprofiler trace show --json`)' };
  }
  const notifications: Notification[] = [];
  const rejected: ReportNotifications["rejected"] = [];
  const stack: { node: unknown; path: string }[] = [];
  for (let i = report.children.length - 1; i >= 0; i--) stack.push({ node: report.children[i], path: `children[${i}]` });
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    if (!isRecord(node) || !isRecord(node.info)) {
      rejected.push({ path, reason: 'expected a node with an "info" object' });
      continue;
    }
    for (const [key, payload] of Object.entries(node.info)) {
      if (!key.startsWith(RAW)) continue;
      const parsed = parseProfilerPayload(payload);
      if ("reason" in parsed) rejected.push({ path: `${path}.info["${key}"]`, reason: parsed.reason });
      else notifications.push(parsed);
    }
    const children = node.children ?? [];
    if (!Array.isArray(children)) {
      rejected.push({ path: `${path}.children`, reason: "expected an array" });
      continue;
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], path: `${path}.children[${i}]` });
  }
  if (notifications.length === 0) {
    return { error: `the report holds no OSprofiler notifications (no valid "meta.raw_payload.*" entries${rejected.length ? `; first problem: ${rejected[0]!.path}: ${rejected[0]!.reason}` : ""})` };
  }
  const traceIds = [...new Set(notifications.map((n) => n.traceId))];
  if (traceIds.length > 1) return { error: `the report mixes ${traceIds.length} traces (base_id ${traceIds.slice(0, 3).join(", ")}${traceIds.length > 3 ? ", ..." : ""}); expected one` };
  return { traceId: traceIds[0]!, notifications, rejected };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
