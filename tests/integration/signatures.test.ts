// Request signatures and per-trace aggregates against both databases, seeded with realistic
// synthetic traffic that arrives messy (shuffled, duplicated, stops lost) in small batches.
// References come from independent paths: the summaries read by Prisma's own client with
// percentiles computed in plain code, and the aggregates recomputed from the merged spans.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as signaturesRoute } from "@/app/api/traces/signatures/route";
import { GET as listRoute } from "@/app/api/traces/route";
import { hashAggregateKey } from "@/lib/trace/hashAggregateKey";
import { normalizeSql } from "@/lib/trace/normalizeSql";
import type { SignatureGroupsPage } from "@/lib/trace/signatureGroups";
import type { TraceListPage } from "@/lib/trace/traceList";
import { formatTimeParam } from "@/lib/api/formatTraceListQuery";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { callRoute, referenceSpans, storeNotifications, syntheticNotifications, useSharedDb } from "./apiSeed";

const notifications = syntheticNotifications({
  traces: 240,
  seed: 15,
  tracesPerSecond: 4,
  messiness: { dropStopRate: 0.02, duplicateRate: 0.02, shuffleWindow: 300 },
});

function nearestRank(sorted: number[], p: number): number {
  return sorted[Math.ceil((p * sorted.length) / 100) - 1]!;
}

describe.each(DIALECTS)("signatures and aggregates on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    await storeNotifications(db, notifications, 700);
    await useSharedDb(db.url);
  }, 120_000);
  afterAll(async () => {
    await useSharedDb(null);
    await db?.drop();
  });

  it("gives every trace the signature of its root request, ids folded", async () => {
    const traces = await db.prisma.trace.findMany({ select: { rootMethod: true, rootPath: true, rootName: true, signature: true } });
    expect(traces.length).toBeGreaterThan(200);
    const signatures = new Set(traces.map((t) => t.signature));
    expect(signatures).toContain("POST /v2.1/servers");
    expect(signatures).toContain("GET /v2.1/servers/detail");
    for (const t of traces) {
      if (t.rootMethod === null) {
        expect(t.signature).toBe(t.rootName);
        continue;
      }
      // The template has no id left, and with its {id}s put back it is the request's path.
      expect(t.signature).not.toMatch(/[0-9a-f]{16}|\?/i);
      const [method, template] = t.signature!.split(" ") as [string, string];
      expect(method).toBe(t.rootMethod);
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replaceAll("{id}", "[^/]+")}$`);
      expect(t.rootPath!.split("?")[0]).toMatch(pattern);
    }
  });

  it("groups by signature with count, p50, p95 and max over a window, and when the API answered, as computed from the rows", async () => {
    const rows = await db.prisma.trace.findMany({ select: { signature: true, startUs: true, durationUs: true, answeredUs: true } });
    const starts = rows.map((r) => Number(r.startUs)).sort((a, b) => a - b);
    const from = starts[20]!,
      to = starts[starts.length - 20]!;
    const inWindow = rows.filter((r) => r.signature !== null && Number(r.startUs) >= from && Number(r.startUs) <= to);
    const bySignature = new Map<string, number[]>();
    const answeredBySignature = new Map<string, number[]>();
    for (const r of inWindow) {
      bySignature.set(r.signature!, [...(bySignature.get(r.signature!) ?? []), Number(r.durationUs)]);
      if (r.answeredUs !== null)
        answeredBySignature.set(r.signature!, [...(answeredBySignature.get(r.signature!) ?? []), Number(r.answeredUs)]);
    }
    const expected = [...bySignature].map(([signature, durations]) => {
      durations.sort((a, b) => a - b);
      const answered = (answeredBySignature.get(signature) ?? []).sort((a, b) => a - b);
      return {
        signature,
        count: durations.length,
        p50Us: nearestRank(durations, 50),
        p95Us: nearestRank(durations, 95),
        maxUs: durations[durations.length - 1]!,
        answeredP50Us: answered.length ? nearestRank(answered, 50) : null,
        answeredP95Us: answered.length ? nearestRank(answered, 95) : null,
      };
    });
    expected.sort((a, b) => b.count - a.count || (a.signature < b.signature ? -1 : 1));

    const answer = await callRoute<SignatureGroupsPage>(
      signaturesRoute,
      `/api/traces/signatures?from=${formatTimeParam(from)}&to=${formatTimeParam(to)}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ groups: expected, percentilesOver: null });
    // Server creates answer long before their casts' work is done, and the seed has some.
    const create = answer.json.groups.find((g) => g.signature === "POST /v2.1/servers")!;
    expect(create.answeredP95Us!).toBeLessThan(create.p50Us!);
  });

  it("refuses a bad window with a reason", async () => {
    const answer = await callRoute<{ error: string }>(signaturesRoute, "/api/traces/signatures?from=yesterday");
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/^from: /);
  });

  it("lists the traces of one signature (the group's link)", async () => {
    const expected = await db.prisma.trace.findMany({
      where: { signature: "POST /v2.1/servers" },
      orderBy: [{ startUs: "desc" }, { traceId: "desc" }],
      select: { traceId: true },
    });
    expect(expected.length).toBeGreaterThan(3);
    const answer = await callRoute<TraceListPage>(listRoute, `/api/traces?signature=${encodeURIComponent("POST /v2.1/servers")}&limit=200`);
    expect(answer.json.traces.map((t) => t.traceId)).toEqual(expected.map((t) => t.traceId));
  });

  it("finds traces by the OpenStack ids they mention: a request id, an instance UUID, a project id without dashes", async () => {
    const text = new Map<string, string>();
    for (const n of notifications) text.set(n.traceId, (text.get(n.traceId) ?? "") + JSON.stringify(n.payload).toLowerCase());
    const mentioning = (id: string) =>
      [...text]
        .filter(([, t]) => t.includes(id))
        .map(([traceId]) => traceId)
        .sort();
    const bootText =
      [...text.values()].find((t) => /"name":"nova.compute.api.api.create"/.test(t) || t.includes("post /v2.1/servers")) ??
      [...text.values()].join("");
    const requestId = /req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(bootText)![0];
    const instance = /instance\(uuid=([0-9a-f-]{36})\)/.exec([...text.values()].join(""))![1]!;
    const volumePath = [...text.values()].join("").match(/\/v3\/([0-9a-f]{32})\/volumes/)!;
    const project = volumePath[1]!;
    const dashed = `${project.slice(0, 8)}-${project.slice(8, 12)}-${project.slice(12, 16)}-${project.slice(16, 20)}-${project.slice(20)}`;
    for (const [q, expected] of [
      [requestId.toUpperCase(), mentioning(requestId)],
      [instance, mentioning(instance)],
      [dashed, [...new Set([...mentioning(project), ...mentioning(dashed)])].sort()],
    ] as const) {
      expect(expected.length, q).toBeGreaterThan(0);
      const answer = await callRoute<TraceListPage>(listRoute, `/api/traces?q=${encodeURIComponent(q)}&limit=200`);
      expect(answer.json.traces.map((t) => t.traceId).sort(), q).toEqual(expected);
    }
  });

  it("keeps per-trace aggregates equal to sums over the merged spans, whatever the arrival order", async () => {
    const traces = await db.prisma.trace.findMany({ select: { traceId: true, spanCount: true, aggregatedSpans: true } });
    for (const t of traces) expect(t.aggregatedSpans).toBe(t.spanCount);
    const stored = await db.prisma.traceAggregate.findMany();
    for (const { traceId } of traces.slice(0, 40)) {
      const expected = new Map<string, { count: number; totalUs: number; maxUs: number }>();
      const add = (kind: string, key: string, us: number) => {
        const id = `${kind}\t${hashAggregateKey(key)}`;
        const sum = expected.get(id) ?? { count: 0, totalUs: 0, maxUs: 0 };
        expected.set(id, { count: sum.count + 1, totalUs: sum.totalUs + us, maxUs: Math.max(sum.maxUs, us) });
      };
      for (const span of referenceSpans(notifications, traceId, false)) {
        const us = span.startUs !== null && span.stopUs !== null ? Math.max(0, span.stopUs - span.startUs) : 0;
        add("call", `${span.service}\t${span.name}`, us);
        if (span.name === "db" && span.detail !== null) add("sql", normalizeSql(span.detail), us);
      }
      const actual = new Map(
        stored
          .filter((a) => a.traceId === traceId)
          .map((a) => [`${a.kind}\t${a.keyHash}`, { count: a.count, totalUs: Number(a.totalUs), maxUs: Number(a.maxUs) }]),
      );
      expect(actual, traceId).toEqual(expected);
    }
  });
});
