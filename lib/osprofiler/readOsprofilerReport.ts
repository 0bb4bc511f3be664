// A whole report's text -> its notifications: createReportReader fed in one piece, for callers
// that hold the text anyway (tests, tools). The import endpoint streams instead.
import { DEFAULT_INPUT_LIMITS } from "../notification/inputLimits";
import type { Notification } from "../notification/types";
import {
  createReportReader,
  REPORT_MAX_DEPTH,
  REPORT_MAX_ITEMS,
  ReportError,
  type ReportLimits,
  type SkippedPayload,
} from "./createReportReader";

export type ReportNotifications = { traceId: string; notifications: Notification[]; skipped: SkippedPayload[] };

export function readOsprofilerReport(
  text: string,
  limits: Partial<ReportLimits> = {},
): ReportNotifications | { error: string; status: number } {
  const reader = createReportReader({
    ...DEFAULT_INPUT_LIMITS,
    maxReportDepth: REPORT_MAX_DEPTH,
    maxReportItems: REPORT_MAX_ITEMS,
    ...limits,
  });
  const notifications: Notification[] = [];
  const skipped: SkippedPayload[] = [];
  try {
    for (const item of [...reader.push(text), ...reader.end()]) {
      if ("traceId" in item) notifications.push(item);
      else skipped.push(item);
    }
  } catch (error) {
    if (error instanceof ReportError) return { error: error.message, status: error.status };
    throw error;
  }
  return { traceId: reader.traceId!, notifications, skipped };
}
