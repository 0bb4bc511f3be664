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

type ValidPayload = z.infer<typeof payloadSchema>;

export function parseProfilerPayload(payload: unknown): Notification | Rejection {
  // Every stored notification passes here: the common valid case is checked by hand (no copies,
  // ~5x cheaper than the schema); anything else goes through the schema, which says what is wrong.
  let p: ValidPayload;
  if (looksValid(payload)) {
    p = payload;
  } else {
    const result = payloadSchema.safeParse(payload);
    if (!result.success) {
      return { reason: `invalid OSprofiler payload: ${describeIssues(result.error.issues)}` };
    }
    p = result.data;
  }
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

/** The same rules as payloadSchema, for payloads that follow them; false sends a payload to the schema. */
function looksValid(payload: unknown): payload is ValidPayload {
  if (!isPlainObject(payload)) return false;
  const { name, base_id, trace_id, parent_id, timestamp, project, service, info } = payload;
  return typeof name === "string" && NAME.test(name) &&
    typeof base_id === "string" && UUID.test(base_id) &&
    typeof trace_id === "string" && UUID.test(trace_id) &&
    typeof parent_id === "string" && UUID.test(parent_id) &&
    typeof timestamp === "string" &&
    (project === undefined || typeof project === "string") &&
    (service === undefined || typeof service === "string") &&
    (info === undefined || (isPlainObject(info) && (info.host === undefined || typeof info.host === "string")));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
