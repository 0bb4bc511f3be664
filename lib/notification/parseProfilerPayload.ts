// Validates one OSprofiler payload (the `payload` of an oslo notification) and renames it.
import { z } from "../zod";
import { MAX_NAME_CHARS } from "./inputLimits";
import { isJsonNumber } from "./JsonNumber";
import { describeTimestampWindow, isInTimestampWindow, parseTimestampUs } from "./timestamp";
import type { JsonObject, Notification, Phase, Rejection } from "./types";
import { UUID } from "./uuid";

const NAME = /^(.+)-(start|stop)$/s;

const uuid = z.string().max(36, "expected a UUID").regex(UUID, "expected a UUID");
/** Identity texts become columns, filters and summary sets: bounded, not cut (cutting could merge two). */
const name = z.string().max(MAX_NAME_CHARS, `longer than ${MAX_NAME_CHARS} characters`);
/** "-start" or "-stop" comes on top of the name. */
const NAME_WITH_PHASE_CHARS = MAX_NAME_CHARS + "-start".length;

const payloadSchema = z.looseObject({
  name: z
    .string()
    .max(NAME_WITH_PHASE_CHARS, `longer than ${MAX_NAME_CHARS} characters`)
    .regex(NAME, 'expected "<name>-start" or "<name>-stop"'),
  base_id: uuid,
  trace_id: uuid,
  parent_id: uuid,
  timestamp: z.string().max(64, "expected a date and time"),
  project: name.optional(),
  service: name.optional(),
  info: z.looseObject({ host: name.optional() }).optional(),
});

type ValidPayload = z.infer<typeof payloadSchema>;

export function parseProfilerPayload(payload: unknown): Notification | Rejection {
  // Every stored notification passes here: the common valid case is checked by hand (no copies,
  // ~5x cheaper than the schema, and no regular expression); anything else goes through the
  // schema, which says what is wrong.
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
    return { reason: `invalid OSprofiler payload: timestamp ${JSON.stringify(p.timestamp)} is not a date and time` };
  }
  if (!isInTimestampWindow(timestampUs)) {
    return {
      reason: `invalid OSprofiler payload: timestamp ${JSON.stringify(p.timestamp)} is outside ${describeTimestampWindow()} (a host clock far off?)`,
    };
  }
  const phase = phaseOf(p.name)!;
  const spanName = p.name.slice(0, p.name.length - phase.length - 1);
  if (spanName.length > MAX_NAME_CHARS) return { reason: `invalid OSprofiler payload: name: longer than ${MAX_NAME_CHARS} characters` };
  return {
    traceId: p.base_id.toLowerCase(),
    spanId: p.trace_id.toLowerCase(),
    parentId: p.parent_id.toLowerCase(),
    name: spanName,
    phase,
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
  return (
    typeof name === "string" &&
    name.length <= NAME_WITH_PHASE_CHARS &&
    phaseOf(name) !== null &&
    isUuid(base_id) &&
    isUuid(trace_id) &&
    isUuid(parent_id) &&
    typeof timestamp === "string" &&
    timestamp.length <= 64 &&
    isName(project) &&
    isName(service) &&
    (info === undefined || (isPlainObject(info) && isName(info.host)))
  );
}

/** The phase NAME reads from a name (its (.+) takes at least one character), or null when it has none. */
function phaseOf(name: string): Phase | null {
  if (name.length > 6 && name.endsWith("-start")) return "start";
  if (name.length > 5 && name.endsWith("-stop")) return "stop";
  return null;
}

/** UUID's test, by hand: three of them in every notification, where the regular expression was measurable. */
function isUuid(value: unknown): value is string {
  if (typeof value !== "string" || value.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return false;
    } else if (!((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66))) return false;
  }
  return true;
}

function isName(value: unknown): value is string | undefined {
  return value === undefined || (typeof value === "string" && value.length <= MAX_NAME_CHARS);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isJsonNumber(value);
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "payload"}: ${issue.message}`)
    .join("; ");
}
