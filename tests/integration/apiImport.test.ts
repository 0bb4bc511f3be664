// POST /api/traces/import against real databases (SQLite and PostgreSQL): OSprofiler's own
// reports of real captures go in, and must come out of GET .../osprofiler.json unchanged, stored
// row for row as the collector stored the same captured messages in another database.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getReport } from "@/app/api/traces/[traceId]/osprofiler.json/route";
import { POST as importRoute } from "@/app/api/traces/import/route";
import { handleImportRequest } from "@/lib/api/handleImportRequest";
import type { ApiError, TraceImportResult } from "@/lib/api/types";
import { readTraceSpanRows } from "@/lib/db/readTraceSpanRows";
import { readTraceListItem } from "@/lib/db/readTraceListItem";
import { storeBatch } from "@/lib/db/storeBatch";
import { createLogger } from "@/lib/log";
import type { Json } from "@/lib/notification/types";
import { convertSpansToOsprofilerReport, type OsprofilerReport } from "@/lib/osprofiler/convertSpansToOsprofilerReport";
import { formatJsonLikePython } from "@/lib/osprofiler/formatJsonLikePython";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { callRoute, decodeBodies, referenceSpans, storeNotifications, syntheticNotifications, useSharedDb } from "./apiSeed";

const FIXTURES = join(__dirname, "../fixtures/osprofiler");
const readFixture = (file: string) => readFileSync(join(FIXTURES, file), "utf8");
type Manifest = { traces: { name: string; baseId: string; messages: number }[] };
const manifest = JSON.parse(readFixture("manifest.json")) as Manifest;
const fixtureNotifications = decodeBodies((JSON.parse(readFixture("messages.json")) as { body: string }[]).map((m) => m.body));
const quietLog = createLogger("test", "error", () => undefined);

type ImportAnswer = TraceImportResult & ApiError;

function post(
  body: BodyInit,
  contentType: string | null = "application/json",
): Promise<{ status: number; json: ImportAnswer; headers: Headers }> {
  const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
  return callRoute<ImportAnswer>(importRoute, "/api/traces/import", {}, { method: "POST", body, headers });
}

function formBytes(field: string, bytes: Uint8Array, filename: string): FormData {
  const data = new FormData();
  data.append(field, new Blob([bytes as BlobPart], { type: "application/gzip" }), filename);
  return data;
}

function form(field: string, text: string, filename = "report.json"): FormData {
  const data = new FormData();
  data.append(field, new Blob([text], { type: "application/json" }), filename);
  return data;
}

/** Every node of a report, depth first. */
function nodesOf(report: OsprofilerReport): OsprofilerReport["children"] {
  const out: OsprofilerReport["children"] = [];
  const stack = [...report.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    stack.push(...node.children);
  }
  return out;
}

describe.each(DIALECTS)("trace import on %s", (dialect) => {
  let collected: TestDb;
  let imported: TestDb;

  beforeAll(async () => {
    [collected, imported] = await Promise.all([createTestDb(dialect), createTestDb(dialect)]);
    await storeNotifications(collected, fixtureNotifications);
    await useSharedDb(imported.url);
  });
  afterAll(async () => {
    await useSharedDb(null);
    await Promise.all([collected?.drop(), imported?.drop()]);
  });

  const sendings: [string, (text: string) => Promise<{ status: number; json: ImportAnswer; headers: Headers }>][] = [
    ["boot", (text) => post(text)],
    ["not-found", (text) => post(form("file", text), null)],
    ["lost-stop", (text) => post(new TextEncoder().encode(text), "application/json; charset=utf-8")],
  ];
  for (const [name, send] of sendings) {
    it(`imports report-${name}.json (${name === "not-found" ? "a form upload" : "the raw body"}) and gives the same report back`, async () => {
      const { baseId, messages } = manifest.traces.find((t) => t.name === name)!;
      const text = readFixture(`report-${name}.json`);
      const report = JSON.parse(text) as OsprofilerReport;
      const answer = await send(text);
      expect(answer.status, answer.json.error).toBe(201);
      expect(answer.json).toEqual({
        traceId: baseId,
        spans: nodesOf(report).length,
        url: `/traces/${baseId}`,
        notifications: messages,
        duplicates: 0,
        redactedValues: 0,
        skipped: [],
        skippedCount: 0,
      });
      expect(answer.headers.get("location")).toBe(`/traces/${baseId}`);

      const back = await callRoute<OsprofilerReport, { traceId: string }>(getReport, `/api/traces/${baseId}/osprofiler.json`, {
        traceId: baseId,
      });
      expect(back.json).toStrictEqual(report);
    });
  }

  it("stores exactly what the collector stored from the captured messages", async () => {
    for (const { baseId } of manifest.traces) {
      const byId = (a: { spanId: string }, b: { spanId: string }) => (a.spanId < b.spanId ? -1 : 1);
      expect((await readTraceSpanRows(imported, baseId)).sort(byId)).toEqual((await readTraceSpanRows(collected, baseId)).sort(byId));
      const { updatedUs: _a, ...importedSummary } = (await readTraceListItem(imported, baseId))!;
      const { updatedUs: _b, ...collectedSummary } = (await readTraceListItem(collected, baseId))!;
      expect(importedSummary).toEqual(collectedSummary);
    }
  });

  it("is idempotent: the same file again stores nothing and answers 200", async () => {
    const { baseId, messages } = manifest.traces.find((t) => t.name === "boot")!;
    const answer = await post(readFixture("report-boot.json"));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ traceId: baseId, notifications: messages, duplicates: messages });
  });

  it("imports a synthetic trace as lib/trace reports it, and exports the same report", async () => {
    const notifications = syntheticNotifications({ traces: 1, scenario: "boot-server", seed: 77, errorRate: 1 });
    const traceId = notifications[0]!.traceId;
    const report = convertSpansToOsprofilerReport(referenceSpans(notifications, traceId, true));
    const answer = await post(formatJsonLikePython(report as unknown as Json));
    expect(answer.status).toBe(201);
    expect(answer.json.notifications).toBe(notifications.length);
    const back = await callRoute<OsprofilerReport, { traceId: string }>(getReport, `/api/traces/${traceId}/osprofiler.json`, { traceId });
    expect(back.json).toStrictEqual(report);
  });

  it("skips payloads the collector would not store, saying where and why, and imports the rest", async () => {
    const report = JSON.parse(readFixture("report-not-found.json")) as OsprofilerReport;
    const traceId = randomUUID();
    // Re-home the report on a new base_id so it is a new trace, then break two payloads.
    const text = readFixture("report-not-found.json").replaceAll(manifest.traces.find((t) => t.name === "not-found")!.baseId, traceId);
    const broken = JSON.parse(text) as OsprofilerReport;
    //   wsgi -> compute_api (its start gets a bad trace_id) -> db, db (the second's start host gets a NUL)
    const computeApi = broken.children[0]!.children[0]!;
    (computeApi.info["meta.raw_payload.compute_api-start"] as Record<string, Json>).trace_id = "12345";
    ((computeApi.children[1]!.info["meta.raw_payload.db-start"] as Record<string, Json>).info as Record<string, Json>).host = "ctl\u0000-1";
    const answer = await post(JSON.stringify(broken));
    expect(answer.status).toBe(201);
    expect(answer.json.skippedCount).toBe(2);
    expect(answer.json.skipped[0]).toEqual({
      path: 'children[0].children[0].info["meta.raw_payload.compute_api-start"]',
      reason: expect.stringMatching(/trace_id: expected a UUID/),
    });
    expect(answer.json.skipped[1]!.reason).toMatch(/info\.host contains a NUL character/);
    expect(answer.json.notifications).toBe(nodesOf(report).length * 2 - 2);
  });

  it("refuses what is not an importable report with a clear 4xx, storing nothing", async () => {
    const before = await imported.prisma.span.count();
    const boot = JSON.parse(readFixture("report-boot.json")) as OsprofilerReport;
    const stripped = JSON.parse(JSON.stringify(boot), (key, value: unknown) =>
      key.startsWith("meta.raw_payload.") ? undefined : value,
    ) as OsprofilerReport;
    const other = JSON.parse(readFixture("report-lost-stop.json")) as OsprofilerReport;
    const mixed = { ...boot, children: [...boot.children, ...other.children] };
    const cases: [Promise<{ status: number; json: ImportAnswer }>, number, RegExp][] = [
      [
        post("{}", "text/plain"),
        415,
        /expected the report as the body \(Content-Type application\/json, or application\/gzip for a \.gz file\) or as the field "file"/,
      ],
      [post("{}", null), 415, /got "text\/plain;charset=UTF-8"/],
      [post(""), 400, /the file is empty/],
      [post('{"children": [', "application/json"), 400, /^the file is not JSON \(.+\); expected an OSprofiler report/],
      [post(new Uint8Array([0x7b, 0xff, 0x7d])), 400, /not JSON \(it is not valid UTF-8\)/],
      [post('{"foo": 1}'), 422, /^not an OSprofiler report: expected a JSON object with a "children" array/],
      [post("[1, 2]"), 422, /^not an OSprofiler report/],
      [post(JSON.stringify({ info: {}, children: [] })), 422, /no OSprofiler notifications.*The report has no raw payloads/s],
      [
        post(JSON.stringify(stripped)),
        422,
        /The report has no raw payloads: OSprofiler's reports keep each call's start and stop notification under "meta\.raw_payload/,
      ],
      [post(JSON.stringify(mixed)), 422, /^the report mixes 2 traces/],
      [post(form("upload", "{}"), null), 400, /the form has no field "file"/],
      [post(form("file", ""), null), 400, /the file is empty/],
      [post("garbage", "multipart/form-data; boundary=xyz"), 400, /could not be parsed/],
    ];
    for (const [answer, status, message] of cases) {
      const { status: got, json } = await answer;
      expect([got, json.error]).toEqual([status, expect.stringMatching(message)]);
    }
    expect(await imported.prisma.span.count()).toBe(before);
  });

  it("answers hostile bodies with a 4xx and a JSON reason, never a 5xx", async () => {
    const before = await imported.prisma.span.count();
    const multipart = (body: string, boundary = "b0undary") => post(body, `multipart/form-data; boundary=${boundary}`);
    const cases: [Promise<{ status: number; json: ImportAnswer }>, number, RegExp][] = [
      [post("[".repeat(100_000) + "]".repeat(100_000)), 422, /^the file nests objects and arrays deeper than 10000 levels/],
      [post(`{"children": ${"[".repeat(20_000)}${"]".repeat(20_000)}}`), 422, /deeper than 10000 levels/],
      [post(`{"children": [${"{},".repeat(1000)}1e999999]}`), 422, /^not an OSprofiler report|no OSprofiler notifications/],
      [post('{"children": [NaN]}'), 400, /^the file is not JSON/],
      [post('"\\ud800"'), 422, /^not an OSprofiler report/],
      [post(form("file", "[".repeat(50_000)), null), 422, /deeper than 10000 levels/],
      [multipart('--b0undary\r\nContent-Disposition: form-data; name="file"\r\n\r\n{"children": []}'), 400, /could not be parsed/],
      [post("x", "multipart/form-data; boundary="), 400, /could not be parsed/],
      [post("{}", "application/json; charset=\u00ff"), 422, /^not an OSprofiler report/],
    ];
    for (const [answer, status, message] of cases) {
      const { status: got, json } = await answer;
      expect([got, json.error]).toEqual([status, expect.stringMatching(message)]);
    }
    expect(await imported.prisma.span.count()).toBe(before);
  });

  it("holds every payload of a report to the input limits: skips the deep one and the one from year 1, cuts a long string", async () => {
    const traceId = randomUUID();
    const text = readFixture("report-not-found.json").replaceAll(manifest.traces.find((t) => t.name === "not-found")!.baseId, traceId);
    const report = JSON.parse(text) as OsprofilerReport;
    const computeApi = report.children[0]!.children[0]!;
    const start = computeApi.info["meta.raw_payload.compute_api-start"] as Record<string, Json>;
    const stop = computeApi.info["meta.raw_payload.compute_api-stop"] as Record<string, Json>;
    stop.timestamp = "0001-01-01T00:00:00.000000";
    const firstDb = computeApi.children[0]!.info["meta.raw_payload.db-start"] as Record<string, Json>;
    const statement = "SELECT " + "x, ".repeat(30_000) + "1";
    (firstDb.info as Record<string, Json>).db = { statement, params: {} };
    const body = JSON.stringify(report).replace(
      `"${String(start.trace_id)}","parent_id"`,
      `"${String(start.trace_id)}","deep":${'{"a":'.repeat(6000)}1${"}".repeat(6000)},"parent_id"`,
    );
    expect(body).toContain('"deep":{"a":');
    const answer = await post(body);
    expect(answer.status, answer.json.error).toBe(201);
    // In the order they come in the report: the start, then the stop.
    expect(answer.json.skipped.map((s) => s.reason)).toEqual([
      "payload nests objects and arrays deeper than 64 levels (OSTRACE_MAX_JSON_DEPTH)",
      expect.stringMatching(
        /timestamp "0001-01-01T00:00:00.000000" is outside the accepted range 2000-01-01T00:00:00 to 2200-01-01T00:00:00 UTC/,
      ),
    ]);
    const rows = await readTraceSpanRows(imported, traceId);
    expect(rows.find((r) => r.spanId === String(firstDb.trace_id))!.detail).toBe(
      `${statement.slice(0, 65_536)}…[truncated by ostrace: ${statement.length} characters]`,
    );
  });

  it("skips the one payload a database refuses while it answers, and imports the rest", async () => {
    const traceId = randomUUID();
    const text = readFixture("report-lost-stop.json").replaceAll(manifest.traces.find((t) => t.name === "lost-stop")!.baseId, traceId);
    const report = JSON.parse(text) as OsprofilerReport;
    const refused = report.children[0]!.trace_id;
    const deps = {
      // Stands for a value the database rejects that no validation foresaw.
      storeBatch: async (batch: Parameters<typeof storeBatch>[1]) => {
        if (batch.notifications.some((n) => n.spanId === refused)) throw new Error("value out of range");
        return storeBatch(imported, batch);
      },
      checkWritable: async () => undefined,
      maxNotificationBytes: 1 << 20,
      log: quietLog,
    };
    const response = await handleImportRequest(
      new Request("http://localhost/", { method: "POST", body: text, headers: { "content-type": "application/json" } }),
      deps,
    );
    const answer = (await response.json()) as ImportAnswer;
    expect(response.status).toBe(201);
    expect(answer.skipped.length).toBeGreaterThan(0);
    expect(
      answer.skipped.every((s) => s.path.startsWith(`span ${refused} `) && s.reason === "could not be stored: value out of range"),
    ).toBe(true);
    expect((await readTraceSpanRows(imported, traceId)).map((r) => r.spanId)).not.toContain(refused);
    expect((await readTraceSpanRows(imported, traceId)).length).toBe(nodesOf(report).length - 1);
  });

  it("refuses a file over the size limit (413) and answers 503 when the database fails", async () => {
    const deps = {
      storeBatch: (batch: Parameters<typeof storeBatch>[1]) => storeBatch(imported, batch),
      maxNotificationBytes: 1 << 20,
      log: quietLog,
      maxBodyBytes: 1000,
    };
    const big = readFixture("report-boot.json");
    const request = (body: BodyInit) =>
      new Request("http://localhost/api/traces/import", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
        duplex: "half",
      } as RequestInit);
    const declared = await handleImportRequest(request(big), deps);
    expect([declared.status, await declared.json()]).toEqual([
      413,
      {
        error:
          "the upload is larger than 1000 bytes, the most one import accepts as sent: compress the report with gzip (`gzip report.json`; reports shrink about tenfold) and import the .gz file",
      },
    ]);
    const chunk = new TextEncoder().encode(big.slice(0, 600));
    const streamed = await handleImportRequest(request(new ReadableStream({ pull: (c) => c.enqueue(chunk) })), deps);
    expect(streamed.status).toBe(413);

    const failing = { ...deps, maxBodyBytes: undefined, storeBatch: () => Promise.reject(new Error("connection lost")) };
    const unavailable = await handleImportRequest(request(big), failing);
    expect([unavailable.status, await unavailable.json()]).toEqual([
      503,
      { error: "the database is unavailable; the import did not finish, send the file again later" },
    ]);
  });

  /** A fixture report moved onto a new base_id, so it imports as a new trace. */
  const rehomed = (name: string) => {
    const traceId = randomUUID();
    return { traceId, text: readFixture(`report-${name}.json`).replaceAll(manifest.traces.find((t) => t.name === name)!.baseId, traceId) };
  };
  const download = (traceId: string) =>
    callRoute<OsprofilerReport, { traceId: string }>(getReport, `/api/traces/${traceId}/osprofiler.json`, { traceId });

  it("takes a report compressed with gzip: a .gz file as the body or in a form, or Content-Encoding: gzip", async () => {
    const sendings: [string, (gz: Uint8Array<ArrayBuffer>) => Promise<{ status: number; json: ImportAnswer }>][] = [
      ["a .gz file as the body", (gz) => post(gz, "application/gzip")],
      ["a .gz file sent as JSON", (gz) => post(gz, "application/json")],
      ["a .gz file in a form", (gz) => post(formBytes("file", gz, "report.json.gz"), null)],
      [
        "Content-Encoding: gzip",
        (gz) =>
          callRoute<ImportAnswer>(
            importRoute,
            "/api/traces/import",
            {},
            { method: "POST", body: gz, headers: { "content-type": "application/json", "content-encoding": "gzip" } },
          ),
      ],
    ];
    for (const [label, send] of sendings) {
      const { traceId, text } = rehomed("boot");
      const answer = await send(new Uint8Array(gzipSync(text)));
      expect([label, answer.status, answer.json.error]).toEqual([label, 201, undefined]);
      expect(answer.json).toMatchObject({ traceId, notifications: 30, skippedCount: 0 });
      expect((await download(traceId)).text).toBe(text);
    }
  });

  it("keeps numbers, non-ASCII text and key order exactly: the download is the imported file byte for byte", async () => {
    const { traceId, text: plain } = rehomed("boot");
    const text = plain.replace(
      /"params": \[\n(\s+)"1"\n/,
      (_m, pad: string) =>
        `"params": [\n${["9007199254740993", "9223372036854775807", "3.0", "1e-07", "-0.0", '"caf\\u00e9 \\ud800 \\u0000"'].map((v) => pad + v).join(",\n")}\n`,
    );
    expect(text).toContain("9223372036854775807");
    const answer = await post(text);
    expect(answer.status, answer.json.error).toBe(201);
    expect((await download(traceId)).text).toBe(text);
  });

  it("stores a big report batch by batch; one cut short keeps what was stored, says so, and completes when sent again", async () => {
    const { traceId, text } = rehomed("boot");
    const deps = {
      storeBatch: (batch: Parameters<typeof storeBatch>[1]) => storeBatch(imported, batch),
      maxNotificationBytes: 1 << 20,
      log: quietLog,
      batchSize: 4,
    };
    const send = (body: string) =>
      handleImportRequest(
        new Request("http://localhost/", { method: "POST", body, headers: { "content-type": "application/json" } }),
        deps,
      );
    const cut = await send(text.slice(0, Math.floor(text.length * 0.6)));
    const error = ((await cut.json()) as ApiError).error;
    expect(cut.status).toBe(400);
    expect(error).toMatch(
      new RegExp(
        `^the file is not JSON \\(it ends before the report does: is it cut short\\?\\); .*; the \\d+ notifications read before that point were stored \\(trace ${traceId}\\): import the whole file again`,
      ),
    );
    const partly = (await readTraceSpanRows(imported, traceId)).length;
    expect(partly).toBeGreaterThan(0);
    const whole = await send(text);
    expect(whole.status).toBe(201);
    expect(await whole.json()).toMatchObject({ notifications: 30, duplicates: expect.any(Number) });
    expect((await download(traceId)).text).toBe(text);
  });

  it("says the limits in MB with the way forward, and refuses broken or unknown compression", async () => {
    const deps = {
      storeBatch: (batch: Parameters<typeof storeBatch>[1]) => storeBatch(imported, batch),
      maxNotificationBytes: 1 << 20,
      log: quietLog,
    };
    const send = (body: BodyInit, headers: Record<string, string>, more: Partial<Parameters<typeof handleImportRequest>[1]> = {}) =>
      handleImportRequest(new Request("http://localhost/", { method: "POST", body, headers }), { ...deps, ...more }).then(async (r) => [
        r.status,
        ((await r.json()) as ApiError).error,
      ]);
    const { text } = rehomed("boot");
    const padded = text + " ".repeat(2 * 1024 * 1024);
    expect(await send(padded, { "content-type": "application/json" }, { maxBodyBytes: 1.5 * 1024 * 1024 })).toEqual([
      413,
      expect.stringMatching(/^the upload is larger than 1\.5 MB, the most one import accepts as sent: compress the report with gzip/),
    ]);
    expect(
      await send(
        gzipSync(padded),
        { "content-type": "application/gzip" },
        { maxBodyBytes: 1.5 * 1024 * 1024, maxReportBytes: 2 * 1024 * 1024 },
      ),
    ).toEqual([413, "the report is larger than 2 MB of JSON, the most one import accepts"]);
    expect(await send(gzipSync(text).subarray(0, 500), { "content-type": "application/gzip" })).toEqual([
      400,
      expect.stringMatching(/^the file is not valid gzip \(/),
    ]);
    expect(await send(text, { "content-type": "application/json", "content-encoding": "gzip" })).toEqual([
      400,
      expect.stringMatching(/^the file is not valid gzip/),
    ]);
    expect(await send(text, { "content-type": "application/json", "content-encoding": "br" })).toEqual([
      415,
      expect.stringMatching(/^Content-Encoding "br" is not supported/),
    ]);
  });

  it("skips a payload larger than the notification limit, as the collector would", async () => {
    const traceId = randomUUID();
    const text = readFixture("report-lost-stop.json").replaceAll(manifest.traces.find((t) => t.name === "lost-stop")!.baseId, traceId);
    const deps = {
      storeBatch: (batch: Parameters<typeof storeBatch>[1]) => storeBatch(imported, batch),
      maxNotificationBytes: 400,
      log: quietLog,
    };
    const response = await handleImportRequest(
      new Request("http://localhost/", { method: "POST", body: text, headers: { "content-type": "application/json" } }),
      deps,
    );
    const body = (await response.json()) as ImportAnswer;
    expect(body.skippedCount).toBeGreaterThan(0);
    expect(body.skipped.every((s) => /exceeds the limit of 400 bytes/.test(s.reason))).toBe(true);
  });
});
