// Our wire format against the REAL libraries (Debian's python3-oslo.messaging and
// python3-osprofiler, run by osloReference.py): the same notification must give the same bytes,
// and generated payloads must have the shape OSprofiler gives its own.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Json, JsonObject } from "../../lib/notification/types";
import { convertNotificationToOsloMessage, type OsloDriver } from "./convertNotificationToOsloMessage";
import { convertSyntheticTraceToNotifications } from "./convertSyntheticTraceToNotifications";
import { formatTimestamp } from "./formatTimestamp";
import { generateSyntheticTraces } from "./generateSyntheticTraces";
import type { SyntheticNotification, SyntheticTrace } from "./types";

const SCRIPT = fileURLToPath(new URL("./osloReference.py", import.meta.url));

function runReference(request: Json): unknown {
  const run = spawnSync("/usr/bin/python3", [SCRIPT], { input: JSON.stringify(request), encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0) throw new Error(`osloReference.py failed (needs python3-osprofiler, python3-oslo.messaging):\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

type Published = {
  body: string;
  exchange: string;
  routing_key: string;
  content_type: string;
  content_encoding: string;
  delivery_mode: number;
  priority: number;
  headers: object;
};

function caseOf(n: SyntheticNotification, driver: OsloDriver): Json {
  const { project: _project, service: _service, ...payload } = n.payload;
  return {
    driver,
    payload: (driver === "messaging" ? payload : n.payload) as JsonObject,
    project: n.payload.project,
    service: n.payload.service,
    publisher_id: n.sender.publisherId,
    exchange: n.sender.exchange,
    context: n.sender.context,
    message_id: n.messageId,
    unique_id: n.uniqueId,
    sent: formatTimestamp(n.sentUs),
  };
}

const traces = [...generateSyntheticTraces({ traces: 40, seed: "reference", errorRate: 0.3 })];

/** One notification of each (service, name, phase, error or not): every shape of message we make. */
function sampleNotifications(): SyntheticNotification[] {
  const seen = new Map<string, SyntheticNotification>();
  for (const trace of traces) {
    for (const n of convertSyntheticTraceToNotifications(trace)) {
      const key = `${n.payload.project}/${n.payload.service}/${n.payload.name}/${"etype" in n.payload.info}`;
      if (!seen.has(key)) seen.set(key, n);
    }
  }
  return [...seen.values()];
}

describe("oslo messages match what oslo.messaging publishes", () => {
  const samples = sampleNotifications();
  // Edge cases no scenario hits by chance: non-ASCII text, and a timestamp on a whole second,
  // which Python's str(datetime) prints without a fraction.
  const first = samples[0]!;
  samples.push({
    ...first,
    payload: { ...first.payload, info: { ...first.payload.info, message: 'Ошибка: диск «vda» — 😀 "quoted"\n\ttab' } },
    sentUs: Math.floor(first.sentUs / 1_000_000) * 1_000_000,
  });

  it.each(["messaging", "messagingv2"] as const)("byte for byte with driver %s", (driver) => {
    expect(samples.length).toBeGreaterThan(30);
    const published = runReference({ mode: "messages", cases: samples.map((n) => caseOf(n, driver)) }) as Published[];
    expect(published).toHaveLength(samples.length);
    samples.forEach((n, i) => {
      const ours = convertNotificationToOsloMessage(n, driver);
      const real = published[i]!;
      expect(ours.body).toBe(real.body);
      expect(JSON.parse(ours.body)).toEqual(JSON.parse(real.body));
      expect(ours.exchange).toBe(real.exchange);
      expect(ours.routingKey).toBe(real.routing_key);
      expect(ours.properties).toEqual({
        contentType: real.content_type,
        contentEncoding: real.content_encoding,
        deliveryMode: real.delivery_mode,
        priority: real.priority,
        headers: real.headers,
      });
    });
  });

  it("sends OSprofiler's messages without an envelope, and messagingv2 with one", () => {
    const n = samples[0]!;
    expect(JSON.parse(convertNotificationToOsloMessage(n).body)).toMatchObject({
      message_id: n.messageId,
      event_type: `profiler.${n.payload.service}`,
      priority: "INFO",
      payload: n.payload,
    });
    const v2 = JSON.parse(convertNotificationToOsloMessage(n, "messagingv2").body);
    expect(Object.keys(v2)).toEqual(["oslo.version", "oslo.message"]);
    expect(v2["oslo.version"]).toBe("2.0");
    expect(JSON.parse(v2["oslo.message"])).toEqual(JSON.parse(convertNotificationToOsloMessage(n).body));
  });
});

describe("payloads have the shape OSprofiler gives them", () => {
  const real = runReference({ mode: "payloads" }) as JsonObject[];

  /** Key paths in order, with the JSON type of each leaf: the shape, not the values. */
  const shape = (value: Json, path = ""): string[] => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      return Object.entries(value).flatMap(([key, child]) => [`${path}${key}`, ...shape(child, `${path}${key}.`)]);
    }
    return [`${path}:${Array.isArray(value) ? "array" : value === null ? "null" : typeof value}`];
  };
  const generated = traces.flatMap((trace: SyntheticTrace) =>
    convertSyntheticTraceToNotifications(trace).map((n) => n.payload as unknown as JsonObject),
  );

  /** What a payload is: who traced it (middleware, SQLAlchemy hook, decorator), the phase, its info. */
  const kindOf = (p: JsonObject) => {
    const info = p.info as JsonObject;
    const [, name, phase] = /^(.*)-(start|stop)$/.exec(p.name as string)!;
    const tracer = name === "wsgi" || name === "db" ? name : "traced function";
    return `${tracer} ${phase} ${["request", "db", "function", "etype"].filter((k) => k in info).join("+") || "plain"}`;
  };

  it("has real payloads of every kind we compare", () => {
    expect(real.map(kindOf).sort()).toEqual([
      "db start db",
      "db start db",
      "db stop db+etype",
      "db stop plain",
      "traced function start function",
      "traced function start function",
      "traced function start function",
      "traced function stop etype",
      "traced function stop plain",
      "traced function stop plain",
      "wsgi start request",
      "wsgi stop plain",
    ]);
  });

  it.each([
    "wsgi start request",
    "wsgi stop plain",
    "db start db",
    "db stop plain",
    "db stop db+etype",
    "traced function start function",
    "traced function stop plain",
    "traced function stop etype",
  ])("%s", (kind) => {
    const reference = real.find((p) => kindOf(p) === kind)!;
    const ours = generated.filter((p) => kindOf(p) === kind);
    expect(ours.length).toBeGreaterThan(0);
    // db params: a dict with MySQL (PyMySQL's pyformat), a list with the reference's SQLite.
    const normalize = (lines: string[]) => lines.filter((line) => !line.startsWith("info.db.params"));
    const expected = normalize(shape(reference));
    for (const payload of ours) expect(normalize(shape(payload))).toEqual(expected);
  });
});
