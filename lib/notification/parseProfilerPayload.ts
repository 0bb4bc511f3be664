// Validates one OSprofiler payload (the `payload` of an oslo notification) and renames it.
import { z } from "zod";
import { parseTimestampUs } from "./timestamp";
import type { JsonObject, Notification, Rejection } from "./types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME = /^(.+)-(start|stop)$/s;

const uuid = z.string().regex(UUID, "expected a UUID");

const payloadSchema = z.looseObject({
  name: z.string().regex(NAME, 'expected "<name>-start" or "<name>-stop"'),
  base_id: uuid,
  trace_id: uuid,
  parent_id: uuid,
  timestamp: z.string(),
  project: z.string().optional(),
  service: z.string().optional(),
  info: z.looseObject({ host: z.string().optional() }).optional(),
});

export function parseProfilerPayload(payload: unknown): Notification | Rejection {
  const result = payloadSchema.safeParse(payload);
  if (!result.success) {
    return { reason: `invalid OSprofiler payload: ${describeIssues(result.error.issues)}` };
  }
  const p = result.data;
  const timestampUs = parseTimestampUs(p.timestamp);
  if (timestampUs === null) {
    return { reason: `invalid OSprofiler payload: timestamp ${JSON.stringify(p.timestamp.slice(0, 64))} is not a date and time` };
  }
  const [, name, phase] = NAME.exec(p.name)!;
  return {
    traceId: p.base_id.toLowerCase(),
    spanId: p.trace_id.toLowerCase(),
    parentId: p.parent_id.toLowerCase(),
    name: name!,
    phase: phase as Notification["phase"],
    timestampUs,
    project: p.project ?? "",
    service: p.service ?? "",
    host: p.info?.host ?? "",
    payload: payload as JsonObject,
  };
}

export function isRejection(value: object): value is Rejection {
  return "reason" in value;
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "payload"}: ${issue.message}`)
    .join("; ");
}
