import { describe, expect, it } from "vitest";
import { summarizeStatementUsage, type StatementUse } from "./summarizeStatementUsage";

const use = (i: number, spec: Partial<StatementUse>): StatementUse => ({
  traceId: `t${i}`,
  startUs: i * 1_000_000,
  signature: "GET /v2.1/servers/detail",
  count: 10,
  totalUs: 10_000,
  maxUs: 2000,
  ...spec,
});

describe("summarizeStatementUsage", () => {
  it("counts runs per request, buckets call times over time, and keeps the figures apart per request", () => {
    const uses = [
      ...Array.from({ length: 10 }, (_, i) => use(i, { count: 10 + i, totalUs: (10 + i) * 1000 })),
      // Later, the calls got slower: 5 ms each instead of 1 ms.
      ...Array.from({ length: 10 }, (_, i) => use(10 + i, { count: 10, totalUs: 50_000, maxUs: 9000 + i })),
      use(20, { signature: "POST /v2.1/servers", count: 1, totalUs: 700, maxUs: 700 }),
    ];
    const usage = summarizeStatementUsage(uses, { buckets: 2 });
    expect(usage.traces).toBe(21);
    expect(usage.runs).toBe(145 + 100 + 1);
    expect(usage.perRequest).toEqual([
      { signature: "GET /v2.1/servers/detail", traces: 20, medianRuns: 10, maxRuns: 19 },
      { signature: "POST /v2.1/servers", traces: 1, medianRuns: 1, maxRuns: 1 },
    ]);
    expect(usage.series).toEqual([
      { startUs: 0, endUs: 10_000_001, traces: 11, p50Us: 1000, p95Us: 5000 },
      { startUs: 10_000_001, endUs: 20_000_002, traces: 10, p50Us: 5000, p95Us: 5000 },
    ]);
  });

  it("is empty for a statement no trace ran", () => {
    expect(summarizeStatementUsage([])).toEqual({ traces: 0, runs: 0, perRequest: [], series: [] });
  });
});
