// A trace whose every wire field carries HTML/script payloads, as a malicious or broken sender
// could send them: each payload, if it ever ran, sets window.__xss to its number.
import { randomUUID } from "node:crypto";
import { envelopeV2, profilerPayload } from "@/tests/support/amqp";

export const XSS = {
  path: `/v2.1/<script>window.__xss=1</script>?q=<img src=x onerror="window.__xss=2">`,
  project: `<b onmouseover="window.__xss=3">nova</b>`,
  service: `<img src=x onerror=window.__xss=4>`,
  host: `<script>window.__xss=5</script>`,
  name: `<img src=x onerror=window.__xss=6>`,
  sql: `SELECT '<script>window.__xss=7</script>' FROM instances WHERE name = '<img src=x onerror=window.__xss=8>'`,
  args: `(<svg onload=window.__xss=9>)`,
  etype: `<img src=x onerror=window.__xss=10>`,
  message: `</pre><script>window.__xss=11</script>`,
};

/** Envelope-v2 bodies of a 3-span trace: wsgi -> traced function (raises) -> db. */
export function buildHostileTrace(startUs: number): { traceId: string; bodies: unknown[] } {
  const traceId = randomUUID(),
    root = randomUUID(),
    fn = randomUUID(),
    db = randomUUID();
  const common = { traceId, project: XSS.project, service: XSS.service, host: XSS.host };
  const payloads = [
    profilerPayload({
      ...common,
      spanId: root,
      parentId: traceId,
      name: "wsgi",
      phase: "start",
      us: startUs,
      info: { request: { path: XSS.path, query: "", method: "GET", scheme: "http" } },
    }),
    profilerPayload({
      ...common,
      spanId: fn,
      parentId: root,
      name: XSS.name,
      phase: "start",
      us: startUs + 100,
      info: { function: { name: XSS.name, args: XSS.args, kwargs: "{}" } },
    }),
    profilerPayload({
      ...common,
      spanId: db,
      parentId: fn,
      name: "db",
      phase: "start",
      us: startUs + 200,
      info: { db: { statement: XSS.sql, params: { name: XSS.message } } },
    }),
    profilerPayload({ ...common, spanId: db, parentId: fn, name: "db", phase: "stop", us: startUs + 300 }),
    profilerPayload({
      ...common,
      spanId: fn,
      parentId: root,
      name: XSS.name,
      phase: "stop",
      us: startUs + 400,
      info: { etype: XSS.etype, message: XSS.message },
    }),
    profilerPayload({ ...common, spanId: root, parentId: traceId, name: "wsgi", phase: "stop", us: startUs + 500 }),
  ];
  return { traceId, bodies: payloads.map((p) => JSON.parse(envelopeV2(p)) as unknown) };
}
