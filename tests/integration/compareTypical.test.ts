// "This trace against typical" against both databases: realistic list-servers traffic, then a
// planted regression (the N+1 of instance_extra grows: a page of ~300 servers instead of ~12)
// and a trace in which neutron stopped sending. The comparison is read from the per-trace sums
// kept at ingest, and must name what changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as typicalRoute } from "@/app/api/traces/[traceId]/typical/route";
import type { TypicalComparisonResponse } from "@/lib/api/types";
import { createTestDb, DIALECTS, type TestDb } from "../support/testDb";
import { callRoute, storeNotifications, syntheticNotifications, useSharedDb } from "./apiSeed";

const usual = syntheticNotifications({
  scenario: "list-servers",
  spanCount: 40,
  traces: 15,
  seed: "typical",
  errorRate: 0,
  start: "2024-05-01T10:00:00",
  messiness: { shuffleWindow: 200 },
});
// Other requests at the same time (mixed traffic has list-servers too, which would join the baseline).
const other = (["boot-server", "create-volume", "list-networks"] as const).flatMap((scenario) =>
  syntheticNotifications({ scenario, traces: 8, seed: `noise-${scenario}`, errorRate: 0.2, start: "2024-05-01T10:00:00" }),
);
const regression = syntheticNotifications({
  scenario: "list-servers",
  spanCount: 800,
  traces: 1,
  seed: "n-plus-one",
  errorRate: 0,
  start: "2024-05-01T11:00:00",
});
const quietNeutron = syntheticNotifications({
  scenario: "list-servers",
  spanCount: 40,
  traces: 1,
  seed: "no-neutron",
  errorRate: 0,
  start: "2024-05-01T11:05:00",
}).filter((n) => !n.service.startsWith("neutron"));

describe.each(DIALECTS)("compare with typical on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(dialect);
    await storeNotifications(db, [...usual, ...other, ...regression, ...quietNeutron], 400);
    await useSharedDb(db.url);
  }, 120_000);
  afterAll(async () => {
    await useSharedDb(null);
    await db?.drop();
  });

  const typical = async (traceId: string, query = "") =>
    callRoute<TypicalComparisonResponse, { traceId: string }>(typicalRoute, `/api/traces/${traceId}/typical${query}`, { traceId });

  it("names an N+1 that got worse: slower, where, and how many more statements", async () => {
    const answer = await typical(regression[0]!.traceId);
    expect(answer.status).toBe(200);
    const c = answer.json;
    expect(c).toMatchObject({ signature: "GET /v2.1/servers/detail", complete: true, baselineCount: 15 });
    expect(c.baselineTraceIds).toHaveLength(15);
    const extra = c.statements.find((s) => s.key.includes("instance_extra"))!;
    expect(extra.status).toBe("grew");
    expect(extra.count).toBeGreaterThan(10 * extra.typicalCount);
    expect(c.durationUs).toBeGreaterThan(c.typicalDurationUs);
    expect(c.summary).toMatch(/^\S+\u00a0m?s slower than typical \(.+\): .*; \d+ more SELECT … FROM instance_extra/);
    expect(c.summary).toContain(`${Math.round(extra.count - extra.typicalCount)} more SELECT … FROM instance_extra`);
  });

  it("shows a service that stopped sending as missing", async () => {
    const c = (await typical(quietNeutron[0]!.traceId)).json;
    const neutron = c.services.filter((s) => s.service.startsWith("neutron"));
    expect(neutron.length).toBeGreaterThan(0);
    for (const s of neutron) expect(s).toMatchObject({ status: "missing", totalUs: 0 });
    expect(c.summary).toContain(`no spans from ${neutron.map((s) => s.service).join(", ")}`);
  });

  it("compares a usual trace with the ones before it, and takes n of them", async () => {
    const ids = [...new Set(usual.map((n) => n.traceId))];
    const starts = await db.prisma.trace.findMany({
      where: { traceId: { in: ids } },
      orderBy: { startUs: "asc" },
      select: { traceId: true },
    });
    const last = starts[starts.length - 1]!.traceId;
    const c = (await typical(last, "?n=5")).json;
    expect(c.baselineTraceIds).toEqual(
      starts
        .slice(-6, -1)
        .map((s) => s.traceId)
        .reverse(),
    );
    expect(c.statements.filter((s) => s.status === "new" || s.status === "missing")).toEqual([]);
    const first = (await typical(starts[0]!.traceId)).json;
    expect(first).toMatchObject({ baselineCount: 0, summary: "No earlier trace of this request to compare with." });
  });

  it("refuses a bad n and a bad id, and says an unknown trace is unknown", async () => {
    expect((await typical(regression[0]!.traceId, "?n=0")).status).toBe(400);
    expect((await typical("not-a-uuid")).status).toBe(400);
    expect((await typical("00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });
});
