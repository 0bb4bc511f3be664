import { describe, expect, it } from "vitest";
import type { SpanRow } from "../span/types";
import { hashAggregateKey } from "../trace/hashAggregateKey";
import { MAX_KEYS_PER_KIND, OTHER_KEY, planTraceAggregates } from "./planTraceAggregates";

const row = (spanId: string, spec: Partial<SpanRow>): SpanRow => ({
  traceId: "t",
  spanId,
  parentId: "p",
  name: "db",
  project: "nova",
  service: "nova-api",
  host: "h",
  startUs: 100,
  stopUs: 300,
  errorType: null,
  detail: null,
  startRest: null,
  stopRest: null,
  ...spec,
});

describe("planTraceAggregates", () => {
  it("sums calls per service and span name, and db calls per normalized statement", () => {
    const changes = [
      row("1", { name: "wsgi", detail: "GET /v2.1/servers", startUs: 0, stopUs: 1000 }),
      row("2", { detail: "SELECT * FROM instances WHERE id = 1", startUs: 10, stopUs: 30 }),
      row("3", { detail: "SELECT * FROM instances WHERE id = 2", startUs: 40, stopUs: 100 }),
    ].map((after) => ({ before: null, after }));
    const deltas = planTraceAggregates(changes, new Map());
    expect(deltas).toEqual(
      expect.arrayContaining([
        {
          traceId: "t",
          kind: "call",
          keyHash: hashAggregateKey("nova-api\twsgi"),
          key: "nova-api\twsgi",
          count: 1,
          totalUs: 1000,
          maxUs: 1000,
        },
        { traceId: "t", kind: "call", keyHash: hashAggregateKey("nova-api\tdb"), key: "nova-api\tdb", count: 2, totalUs: 80, maxUs: 60 },
        {
          traceId: "t",
          kind: "sql",
          keyHash: hashAggregateKey("select * from instances where id = ?"),
          key: "select * from instances where id = ?",
          count: 2,
          totalUs: 80,
          maxUs: 60,
        },
      ]),
    );
    expect(deltas).toHaveLength(3);
  });

  it("adds a duration when the stop arrives and a statement when the start arrives, without counting the span twice", () => {
    const stopOnly = row("1", { startUs: null, stopUs: 500 });
    const both = row("1", { startUs: 200, stopUs: 500, detail: "SELECT 1" });
    const deltas = planTraceAggregates(
      [{ before: stopOnly, after: both }],
      new Map([["t", new Set([`call\t${hashAggregateKey("nova-api\tdb")}`])]]),
    );
    expect(deltas).toEqual([
      // Stored before: its row is there, its text is not sent again.
      { traceId: "t", kind: "call", keyHash: hashAggregateKey("nova-api\tdb"), key: null, count: 0, totalUs: 300, maxUs: 300 },
      { traceId: "t", kind: "sql", keyHash: hashAggregateKey("select ?"), key: "select ?", count: 1, totalUs: 300, maxUs: 300 },
    ]);
  });

  it("folds a trace's statements past the bound into one (other) sum", () => {
    const changes = Array.from({ length: MAX_KEYS_PER_KIND + 20 }, (_, i) => ({
      before: null,
      after: row(String(i), { detail: `SELECT c FROM t${i}` }),
    }));
    const sql = planTraceAggregates(changes, new Map()).filter((d) => d.kind === "sql");
    expect(sql).toHaveLength(MAX_KEYS_PER_KIND + 1);
    expect(sql.find((d) => d.key === OTHER_KEY)).toMatchObject({ count: 20, totalUs: 20 * 200 });
  });
});
