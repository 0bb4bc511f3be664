// Hostile traffic, seeded, for the fuzz test and the hostile-ingest benchmark: what an attacker
// who learned the HMAC key, a broken sender or a corrupted broker could put on the wire, mixed
// with valid notifications. Each message says what ostrace must make of it under the default
// input limits (lib/notification/inputLimits.ts), so a test can check every one of them.
//
// Valid messages include the awkward-but-legal: lone surrogates, __proto__ keys, 70,000-character
// SQL (stored cut and marked), finite numbers near a double's range, nesting just within the
// limit, timestamps at the edges of the accepted window. Each valid message is its own half of its
// own span, so "every valid message is stored" is a count and a lookup.
import { DEFAULT_INPUT_LIMITS } from "../../lib/notification/inputLimits";
import type { Json, JsonObject } from "../../lib/notification/types";
import { createRandom, type Random } from "./createRandom";
import { formatTimestamp } from "./formatTimestamp";

type HostileOutcome = "stored" | "quarantined" | "ignored";

export type HostileMessage = {
  /** What the message is, e.g. "deep-6000" or "valid-long-sql". */
  kind: string;
  /** The exact bytes to publish or post. */
  body: Uint8Array;
  /** The bytes are UTF-8 JSON text, so they can be an element of an HTTP ingest array. */
  json: boolean;
  /** What ostrace must make of it. */
  expect: HostileOutcome;
  /** The half of a span a stored message adds. */
  stores?: { traceId: string; spanId: string; phase: "start" | "stop" };
  /** A stored message whose payload holds a string over OSTRACE_MAX_STRING_CHARS, cut on the way in. */
  cut?: boolean;
};

export type HostileOptions = {
  seed?: number | string;
  /** Hostile messages (quarantined or ignored). */
  hostile: number;
  /** Valid ones (stored), shuffled in among the hostile. */
  valid: number;
  /** Traces the valid messages are spread over. */
  traces?: number;
  /** When the valid spans happen. */
  startUs?: number;
};

const MAX_BYTES = DEFAULT_INPUT_LIMITS.maxNotificationBytes;
const MAX_DEPTH = DEFAULT_INPUT_LIMITS.maxJsonDepth;
const MAX_ITEMS = DEFAULT_INPUT_LIMITS.maxJsonItems;
const MAX_STRING = DEFAULT_INPUT_LIMITS.maxStringChars;

type Builder = (random: Random, context: Context) => Omit<HostileMessage, "body" | "json"> & { text?: string; bytes?: Uint8Array };
type Context = { traceIds: string[]; startUs: number; sequence: number };

/** The messages, in a seeded order; hostile and valid interleave throughout. */
export function* generateHostileMessages(options: HostileOptions): Generator<HostileMessage> {
  const random = createRandom(options.seed ?? "hostile");
  const order = random.fork("order");
  const context: Context = {
    traceIds: Array.from({ length: options.traces ?? 50 }, () => random.uuid()),
    startUs: options.startUs ?? Date.UTC(2024, 4, 1, 10, 0, 0) * 1000,
    sequence: 0,
  };
  let hostileLeft = options.hostile;
  let validLeft = options.valid;
  while (hostileLeft + validLeft > 0) {
    const hostile = order.next() * (hostileLeft + validLeft) < hostileLeft;
    if (hostile) hostileLeft--;
    else validLeft--;
    context.sequence++;
    const build = hostile ? random.pickWeighted(HOSTILE) : random.pickWeighted(VALID);
    const { text, bytes, ...rest } = build(random, context);
    yield { ...rest, body: bytes ?? encoder.encode(text!), json: bytes === undefined };
  }
}

const encoder = new TextEncoder();

// ---- building blocks ---------------------------------------------------------------------------

type Spec = {
  traceId: string;
  spanId: string;
  parentId: string;
  name: string;
  phase: "start" | "stop";
  us: number;
  info: JsonObject;
  project?: Json;
  service?: Json;
};

function spec(random: Random, context: Context, info: JsonObject = {}): Spec {
  const traceId = random.pick(context.traceIds);
  return {
    traceId,
    spanId: random.uuid(),
    parentId: traceId,
    name: random.pick(["db", "wsgi", "rpc", "compute_api", "neutron_api"]),
    phase: random.chance(0.5) ? "start" : "stop",
    us: context.startUs + context.sequence * 1000 + random.int(0, 999),
    info: { ...info, host: random.pick(["ctl-1", "cmp-7", "net-2"]) },
  };
}

function payload(s: Spec): JsonObject {
  return {
    name: `${s.name}-${s.phase}`,
    base_id: s.traceId,
    trace_id: s.spanId,
    parent_id: s.parentId,
    timestamp: formatTimestamp(s.us),
    project: s.project ?? "nova",
    service: s.service ?? "api",
    info: s.info,
  };
}

/** The payload's JSON text with `info` written as the given raw text (for what JSON.stringify cannot write). */
function withRawInfo(s: Spec, infoText: string): string {
  return JSON.stringify({ ...payload(s), info: "\u0000INFO" }).replace('"\\u0000INFO"', infoText);
}

/** The message in one of the three shapes ostrace accepts (a bare payload only for profiler events); `payloadText` is already JSON. */
function wrap(random: Random, payloadText: string, eventType = "profiler.api"): string {
  const shape = random.pickWeighted([
    ["messaging", 5],
    ["envelope", 4],
    ["bare", eventType.startsWith("profiler.") ? 1 : 0],
  ] as const);
  if (shape === "bare") return payloadText;
  const message = `{"message_id": "${random.uuid()}", "publisher_id": "ctl-1", "event_type": ${JSON.stringify(eventType)}, "priority": "INFO", "payload": ${payloadText}, "timestamp": "2024-05-01 10:00:00.000000"}`;
  return shape === "messaging" ? message : JSON.stringify({ "oslo.version": "2.0", "oslo.message": message });
}

const stored = (s: Spec, kind: string, text: string, cut = false) => ({
  kind,
  text,
  expect: "stored" as const,
  stores: { traceId: s.traceId, spanId: s.spanId, phase: s.phase },
  ...(cut && { cut }),
});
const quarantined = (kind: string, text: string) => ({ kind, text, expect: "quarantined" as const });

function nestedText(depth: number, leaf = "1"): string {
  return `${"[".repeat(depth)}${leaf}${"]".repeat(depth)}`;
}

// ---- valid messages --------------------------------------------------------------------------

const VALID: (readonly [Builder, number])[] = [
  [
    (r, c) => {
      const s = spec(r, c, { db: { statement: "SELECT * FROM instances WHERE uuid = %(uuid)s", params: { uuid: r.uuid() } } });
      return stored(s, "valid-db", wrap(r, JSON.stringify(payload(s))));
    },
    40,
  ],
  [
    (r, c) => {
      const s = spec(r, c, { request: { method: "GET", path: "/v2.1/servers/detail", query: "limit=5", scheme: "http" } });
      return stored(s, "valid-wsgi", wrap(r, JSON.stringify(payload(s))));
    },
    20,
  ],
  [
    (r, c) => {
      // Lone surrogates in the SQL (the detail column) and in arguments: the columns store U+FFFD, the payload keeps them.
      const s = spec(r, c, {});
      return stored(
        s,
        "valid-lone-surrogate",
        wrap(
          r,
          withRawInfo(s, `{"db": {"statement": "SELECT '\\ud800' FROM t", "params": {}}, "args": "\\udc00x\\ud83d", "host": "ctl-1"}`),
        ),
      );
    },
    4,
  ],
  [
    (r, c) => {
      const s = spec(r, c, {});
      return stored(
        s,
        "valid-proto-keys",
        wrap(
          r,
          withRawInfo(
            s,
            `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "toString": 1, "host": "ctl-1"}`,
          ),
        ),
      );
    },
    4,
  ],
  [
    (r, c) => {
      const statement = `INSERT INTO instance_metadata (key, value) VALUES ${"(%s, %s), ".repeat(Math.ceil((MAX_STRING + 5000) / 10))}(%s, %s)`;
      const s = spec(r, c, { db: { statement, params: {} } });
      return stored(s, "valid-long-sql", wrap(r, JSON.stringify(payload(s))), true);
    },
    1,
  ],
  [
    (r, c) => {
      const s = spec(r, c, {});
      return stored(
        s,
        "valid-big-numbers",
        wrap(r, withRawInfo(s, `{"n": [1e300, -1.7976931348623157e308, 5e-324, 12345678901234567890123, -0], "host": "h"}`)),
      );
    },
    3,
  ],
  [
    (r, c) => {
      const s = spec(r, c, { note: "ünïcödé 😀 עברית \u202e reversed", "emoji 🔑": "ключ" });
      return stored(s, "valid-unicode", wrap(r, JSON.stringify(payload(s))));
    },
    3,
  ],
  [
    (r, c) => {
      // Bare payload, oslo message and envelope add one level each; the envelope's inner text is measured on its own.
      const s = spec(r, c, {});
      return stored(
        s,
        "valid-nested-within-limit",
        JSON.stringify({
          "oslo.version": "2.0",
          "oslo.message": `{"event_type": "profiler.api", "payload": ${withRawInfo(s, `{"x": ${nestedText(MAX_DEPTH - 4)}, "host": "h"}`)}}`,
        }),
      );
    },
    2,
  ],
  [
    (r, c) => {
      const s = spec(r, c, {});
      s.traceId = r.uuid(); // a trace of its own: its times are at the window's edges
      s.parentId = s.traceId;
      s.us = r.chance(0.5) ? Date.UTC(2000, 0, 1) * 1000 : Date.UTC(2200, 0, 1) * 1000 - 1;
      return stored(s, "valid-window-edge", wrap(r, JSON.stringify(payload(s))));
    },
    1,
  ],
];

// ---- hostile messages ------------------------------------------------------------------------

const HOSTILE: (readonly [Builder, number])[] = [
  [(r, c) => quarantined("deep-just-over", wrap(r, withRawInfo(spec(r, c), `{"x": ${nestedText(MAX_DEPTH + r.int(0, 40))}}`))), 10],
  [(r, c) => quarantined("deep-6000", wrap(r, withRawInfo(spec(r, c), `{"x": ${'{"a":'.repeat(6000)}1${"}".repeat(6000)}}`))), 2],
  [(r, c) => quarantined("deep-100k", wrap(r, withRawInfo(spec(r, c), `{"x": ${nestedText(100_000)}}`))), 0.05],
  [(r) => quarantined("deep-bare-array", nestedText(r.int(MAX_DEPTH + 1, 20_000), "")), 1],
  [
    (r, c) =>
      quarantined(
        "deep-envelope",
        JSON.stringify({
          "oslo.version": "2.0",
          "oslo.message": `{"event_type": "profiler.api", "payload": ${withRawInfo(spec(r, c), `{"x": ${nestedText(5000)}}`)}}`,
        }),
      ),
    1,
  ],
  [(r, c) => quarantined("many-items", wrap(r, withRawInfo(spec(r, c), `{"x": [${"0,".repeat(MAX_ITEMS)}0]}`))), 0.3],
  [(r, c) => quarantined("long-key", wrap(r, withRawInfo(spec(r, c), `{"${"k".repeat(MAX_STRING + 1)}": 1}`))), 0.3],
  [(r, c) => quarantined("oversize", wrap(r, JSON.stringify(payload(spec(r, c, { blob: "x".repeat(MAX_BYTES) }))))), 0.02],
  [
    (r, c) => {
      const text = wrap(r, JSON.stringify(payload(spec(r, c, { note: "UTF-8 goes here" }))));
      const bytes = encoder.encode(text);
      const at = text.indexOf("UTF-8 goes here");
      const bad = r.pick([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x80]]);
      const out = new Uint8Array(bytes.length + bad.length);
      out.set(bytes.subarray(0, at));
      out.set(bad, at);
      out.set(bytes.subarray(at), at + bad.length);
      return { kind: "bad-utf8", bytes: out, expect: "quarantined" as const };
    },
    6,
  ],
  [
    (r, c) => {
      const s = payload(spec(r, c));
      const [field, value] = r.pick<[string, Json]>([
        ["base_id", 12345],
        ["trace_id", null],
        ["parent_id", ["x"]],
        ["name", { n: 1 }],
        ["name", "db"],
        ["name", "-start"],
        ["timestamp", 1714557600],
        ["timestamp", "yesterday"],
        ["timestamp", "2024-02-30T10:00:00"],
        ["timestamp", "2024-05-01T25:00:00"],
        ["project", 7],
        ["service", false],
        ["info", "ctl-1"],
        ["info", [1, 2]],
        ["base_id", "not-a-uuid"],
        ["trace_id", `${"a".repeat(100_000)}`],
      ]);
      return quarantined(`wrong-type-${field}`, wrap(r, JSON.stringify({ ...s, [field]: value })));
    },
    12,
  ],
  [
    (r, c) => {
      const inner = `{"event_type": "profiler.api", "payload": ${JSON.stringify(payload(spec(r, c)))}}`;
      const envelope = r.pick<string>([
        JSON.stringify({ "oslo.version": "1.0", "oslo.message": inner }),
        JSON.stringify({ "oslo.version": 2, "oslo.message": inner }),
        JSON.stringify({ "oslo.version": "2.0", "oslo.message": JSON.parse(inner) as Json }),
        JSON.stringify({ "oslo.version": "2.0", "oslo.message": inner.slice(0, -10) }),
        JSON.stringify({ "oslo.version": "2.0", "oslo.message": "[1, 2]" }),
        JSON.stringify({ "oslo.version": "2.0" }),
        JSON.stringify({ "oslo.message": inner }),
        `{"event_type": 7, "payload": ${JSON.stringify(payload(spec(r, c)))}}`,
        `{"payload": ${JSON.stringify(payload(spec(r, c)))}}`,
      ]);
      return quarantined("bad-envelope", envelope);
    },
    8,
  ],
  [
    (r, c) => {
      const s = spec(r, c);
      const stamp = r.pick([
        "0001-01-01T00:00:00.000000",
        "1901-12-13T20:45:52",
        "1999-12-31T23:59:59.999999",
        "2200-01-01T00:00:00",
        "9999-12-31T23:59:59.999999",
        "2024-05-01T10:00:00+99:99",
      ]);
      return quarantined("timestamp-out-of-range", wrap(r, JSON.stringify({ ...payload(s), timestamp: stamp })));
    },
    8,
  ],
  [
    (r, c) =>
      quarantined(
        "nan-text",
        wrap(r, withRawInfo(spec(r, c), `{"x": ${r.pick(["NaN", "Infinity", "-Infinity", "undefined", "0x10", "+1", ".5", "01"])}}`)),
      ),
    5,
  ],
  [
    (r, c) =>
      quarantined(
        "huge-number",
        wrap(r, withRawInfo(spec(r, c), `{"x": ${r.pick(["1e400", "-1e999999", `${"9".repeat(400)}`, "1.5E+309"])}}`)),
      ),
    5,
  ],
  [
    (r, c) => {
      const text = wrap(r, JSON.stringify(payload(spec(r, c, { db: { statement: "SELECT 1", params: {} } }))));
      return quarantined("truncated-json", text.slice(0, r.int(1, text.length - 1)));
    },
    6,
  ],
  [(r) => quarantined("not-an-object", r.pick(["[]", "[1, 2]", "42", '"text"', "null", "true", "-0", '[{"name": "db-start"}]'])), 4],
  [() => quarantined("empty", ""), 1],
  [(r) => quarantined("whitespace", r.pick([" ", "\n\t ", "\u00a0"])), 1],
  [
    (r, c) => {
      const s = payload(spec(r, c));
      const [field, value] = r.pick<[string, string]>([
        ["service", "s".repeat(256)],
        ["project", "p".repeat(1000)],
        ["name", `${"n".repeat(300)}-start`],
      ]);
      return quarantined(`identity-too-long-${field}`, wrap(r, JSON.stringify({ ...s, [field]: value })));
    },
    3,
  ],
  [
    (r, c) => {
      const s = spec(r, c, { host: "h" });
      const text = r.chance(0.5)
        ? JSON.stringify({ ...payload(s), info: { host: "ctl\u0000-1" } })
        : JSON.stringify({ ...payload(s), info: { db: { statement: "SELECT '\u0000'" }, host: "h" } });
      return quarantined("nul-in-column", wrap(r, text));
    },
    3,
  ],
  // Every field only under "__proto__": JSON.parse makes it an own key, so nothing is inherited.
  [(r, c) => quarantined("proto-identity", wrap(r, `{"__proto__": ${JSON.stringify(payload(spec(r, c)))}}`)), 2],
  [
    (r, c) => quarantined("long-host", wrap(r, JSON.stringify({ ...payload(spec(r, c)), info: { host: "h".repeat(MAX_STRING + 10) } }))),
    0.3,
  ],
  [
    (r, c) => ({
      kind: "not-profiler",
      text: wrap(r, JSON.stringify(payload(spec(r, c))), r.pick(["compute.instance.update", "image.upload", ""])),
      expect: "ignored" as const,
    }),
    5,
  ],
];
