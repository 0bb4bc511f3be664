import { describe, expect, it } from "vitest";
import { computeTraceEtag, matchesIfNoneMatch } from "./traceEtag";
import type { TraceListItem } from "../trace/traceList";
import { TRACE_TEXT_LIMITS } from "../trace/clipTraceTexts";
import { COMPACT_ETAG_VARIANT } from "./renderCompactTrace";
import { COMPACT_PREVIEW_ETAG_VARIANT } from "./renderCompactTracePreview";

const summary: TraceListItem = {
  traceId: "0c6a8b65-1e1c-48a4-9b91-820b3225a34e",
  startUs: 1_714_557_600_000_000,
  durationUs: 1500,
  answeredUs: 1400,
  spanCount: 15,
  errorCount: 0,
  unfinishedCount: 1,
  noStartCount: 0,
  services: ["nova-api"],
  projects: ["nova"],
  hosts: ["ctl-1"],
  rootName: "wsgi",
  rootMethod: "POST",
  rootPath: "/v2.1/servers",
  rootRequests: 1,
  updatedUs: 1_714_557_601_000_000,
  droppedSpans: 0,
  truncated: null,
};

describe("trace ETags", () => {
  it("change with every figure a stored change moves, and with the representation", () => {
    const base = computeTraceEtag(summary, "compact1");
    expect(base).toMatch(/^"[^"]+"$/);
    expect(computeTraceEtag({ ...summary }, "compact1")).toBe(base);
    const changes: Partial<TraceListItem>[] = [
      { updatedUs: summary.updatedUs + 1 },
      { spanCount: 16 },
      { unfinishedCount: 0 },
      { noStartCount: 1 },
      { errorCount: 1 },
      { startUs: summary.startUs - 1 },
      { durationUs: 1501 },
      { droppedSpans: 1 },
    ];
    for (const change of changes) expect(computeTraceEtag({ ...summary, ...change }, "compact1"), JSON.stringify(change)).not.toBe(base);
    expect(computeTraceEtag(summary, "compact2")).not.toBe(base);
  });

  it("match If-None-Match lists, weak tags and *", () => {
    const etag = computeTraceEtag(summary, "compact1");
    expect(matchesIfNoneMatch(null, etag)).toBe(false);
    expect(matchesIfNoneMatch(etag, etag)).toBe(true);
    expect(matchesIfNoneMatch(`W/${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", ${etag}`, etag)).toBe(true);
    expect(matchesIfNoneMatch(" * ", etag)).toBe(true);
    expect(matchesIfNoneMatch(`"other"`, etag)).toBe(false);
    expect(matchesIfNoneMatch(etag.slice(1, -1), etag)).toBe(false);
  });

  it("name the compact trace's clipping rules, so a trace sent whole before is not answered 304 with clipped texts, nor the reverse", () => {
    for (const variant of [COMPACT_ETAG_VARIANT, COMPACT_PREVIEW_ETAG_VARIANT]) {
      const figures = variant.split("-clip")[1]!.split("-").map(Number);
      expect(figures).toEqual([TRACE_TEXT_LIMITS.displayChars, TRACE_TEXT_LIMITS.budgetChars, TRACE_TEXT_LIMITS.minChars]);
    }
    // The tag before texts were clipped.
    expect(computeTraceEtag(summary, COMPACT_ETAG_VARIANT)).not.toBe(computeTraceEtag(summary, "compact1"));
  });
});
