import { describe, expect, it } from "vitest";
import type { Span } from "../span/types";
import { alignTraces } from "./alignTraces";
import { buildTrace } from "./buildTrace";
import { CLIP_MARK, readClippedHash } from "./clipMark";
import { clipTraceTexts, clipWithMark, TRACE_TEXT_LIMITS } from "./clipTraceTexts";
import type { CompactTrace } from "./compactTrace";
import { computeDbBreakdown } from "./computeDbBreakdown";
import { convertCompactToTrace } from "./convertCompactToTrace";
import { convertTraceToCompact } from "./convertTraceToCompact";
import { createChunkAssembler } from "./createChunkAssembler";
import { createTraceView } from "./createTraceView";
import { explainTrace } from "./explainTrace";
import { hashAggregateKey } from "./hashAggregateKey";
import { labelCall } from "./labelCall";
import { normalizeSql } from "./normalizeSql";
import { splitTraceIntoChunks } from "./splitTraceIntoChunks";
import type { Trace } from "./types";

const MAX_STRING = 65536;
const span = (spanId: string, parentId: string, name: string, startUs: number, detail: string | null, error?: string, us = 10): Span => ({
  traceId: "t",
  spanId,
  parentId,
  name,
  project: "nova",
  service: "api",
  host: "h1",
  startUs,
  stopUs: startUs + us,
  error: error === undefined ? null : { type: "OperationalError", message: error },
  detail,
  startPayload: null,
  stopPayload: null,
});

// `shapes` statements that share their first ~60K characters (a long column list) and differ in
// the table at their end, each run `runs` times under one parent with a different value of about
// the same length: runs of one shape are one group (and N+1), different shapes never are. Every
// statement is distinct and 64K long; so is each run's exception message.
function hostileSpans(shapes: number, runs: number): Span[] {
  const columns = Array.from({ length: 9000 }, (_, k) => `c${k}`).join(", ");
  const spans: Span[] = [span("root", "t", "wsgi", 0, "GET /v2/servers")];
  for (let k = 0; k < shapes; k++) {
    spans.push(span(`p${k}`, "root", "compute", 1 + k * 100, "nova.compute.manager.ComputeManager.build"));
    for (let r = 0; r < runs; r++) {
      const head = `SELECT ${columns} FROM table_${k} WHERE id = ${1e9 + r}`;
      const sql = `${`${head} AND note = '`.padEnd(MAX_STRING - 1, "x")}'`;
      // Durations differ by shape: groups of equal totals are listed in the order of their texts.
      spans.push(span(`q${k}-${r}`, `p${k}`, "db", 2 + k * 100 + r * 20, sql, `${r}/${k} ${"e".repeat(MAX_STRING - 20)}`, 10 + k));
    }
  }
  return spans;
}

const viaCompact = (trace: Trace): Trace => convertCompactToTrace(JSON.parse(JSON.stringify(convertTraceToCompact(trace))) as CompactTrace);
const textChars = (compact: CompactTrace) =>
  compact.strings.reduce((n, s) => n + s.length, 0) +
  (compact.clipped ?? []).reduce(
    (n, [, , shape, sqlLabel, label]) => n + (shape?.length ?? 0) + (sqlLabel?.length ?? 0) + (label?.length ?? 0),
    0,
  );

describe("clipTraceTexts", () => {
  const full = buildTrace(hostileSpans(30, 4));
  const clipped = clipTraceTexts(full);

  it("clips each long text to the display length with a mark naming its whole length and hash", () => {
    const statement = full.strings[full.detail[2]!]!;
    expect(statement).toHaveLength(MAX_STRING);
    const sent = clipped.strings[clipped.detail[2]!]!;
    expect(sent).toBe(
      `${statement.slice(0, TRACE_TEXT_LIMITS.displayChars)}${CLIP_MARK}65536 characters, #${hashAggregateKey(statement)}]`,
    );
    expect(readClippedHash(sent)).toBe(hashAggregateKey(statement));
    expect(clipped.clippedTexts!.get(sent)).toMatchObject({ length: MAX_STRING, label: null });
    expect(clipped.strings.every((s) => s.length < TRACE_TEXT_LIMITS.displayChars + 60)).toBe(true);
    // Short texts are sent as they are.
    expect(clipped.strings[clipped.detail[0]!]).toBe("GET /v2/servers");
  });

  it("leaves a trace without long texts as it is", () => {
    const small = buildTrace(hostileSpans(1, 1).map((s) => ({ ...s, detail: s.detail!.slice(0, 100), error: null })));
    expect(clipTraceTexts(small)).toBe(small);
  });

  it("keeps the DB breakdown's groups and N+1 findings, and the call labels, of the whole texts", () => {
    const received = viaCompact(clipped);
    const before = computeDbBreakdown(createTraceView(full));
    const after = computeDbBreakdown(createTraceView(received));
    expect(before.groups).toHaveLength(30);
    expect(before.groups.every((g) => g.nPlusOne)).toBe(true);
    const bySpan = (groups: typeof before.groups, hash: (statement: string) => string) =>
      groups
        .map((g) => [g.spans, g.count, g.repeatedUnder, g.nPlusOne, g.totalUs, hash(g.statement)] as const)
        .sort((x, y) => x[0][0]! - y[0][0]!);
    // ...each linking to the statement page of its whole shape.
    expect(bySpan(after.groups, (s) => readClippedHash(s)!)).toEqual(bySpan(before.groups, hashAggregateKey));
    for (let i = 0; i < full.size; i++) expect(labelCall(received, i)).toBe(labelCall(full, i));
    // The findings too, their N+1 statement being the whole shape's (clipped).
    const findings = (trace: Trace, hash: (statement: string) => string) =>
      explainTrace(trace).map((f) =>
        "nPlusOne" in f && f.nPlusOne ? { ...f, nPlusOne: { ...f.nPlusOne, statement: hash(f.nPlusOne.statement) } } : f,
      );
    expect(findings(received, (s) => readClippedHash(s)!)).toEqual(findings(full, hashAggregateKey));
  });

  it("keeps compare's alignment of the whole texts", () => {
    const other = buildTrace(hostileSpans(30, 3).filter((s) => !s.spanId.startsWith("q7-")));
    const strip = (a: ReturnType<typeof alignTraces>) => [Array.from(a.aSpan), Array.from(a.bSpan), Array.from(a.merged.parent)];
    const aligned = alignTraces(viaCompact(clipped), viaCompact(clipTraceTexts(other)));
    const whole = alignTraces(full, other);
    expect(strip(aligned)).toEqual(strip(whole));
    for (let r = 0; r < aligned.size; r++) expect(labelCall(aligned.merged, r)).toBe(labelCall(whole.merged, r));
  });

  it("cuts shorter past the trace's budget, so the texts sent grow with the spans, not with the texts", () => {
    const limits = { ...TRACE_TEXT_LIMITS, budgetChars: 300_000 };
    const compact = convertTraceToCompact(clipTraceTexts(full, limits));
    const wholeChars = full.strings.reduce((n, s) => n + s.length, 0);
    expect(wholeChars).toBeGreaterThan(15_000_000);
    expect(textChars(compact)).toBeLessThanOrEqual(limits.budgetChars);
    expect(textChars(compact)).toBeGreaterThan(limits.budgetChars / 2);
    const received = viaCompact(clipTraceTexts(full, limits));
    const spansOf = (trace: Trace) =>
      computeDbBreakdown(createTraceView(trace))
        .groups.map((g) => g.spans[0]!)
        .sort((x, y) => x - y);
    expect(spansOf(received)).toEqual(spansOf(full));
    // Never below what a row shows.
    const floor = convertTraceToCompact(clipTraceTexts(full, { ...limits, budgetChars: 1 }));
    expect(Math.min(...floor.strings.filter((s) => s.includes(CLIP_MARK)).map((s) => s.indexOf(CLIP_MARK)))).toBe(limits.minChars);
  });

  it("sends the same clipped texts in chunks as in one piece", () => {
    const assembler = createChunkAssembler();
    for (const chunk of splitTraceIntoChunks(clipped, { first: 7, rest: 50 })) assembler.add(JSON.parse(JSON.stringify(chunk)));
    const assembled = assembler.finish();
    expect(assembled.strings).toEqual(clipped.strings);
    expect([...assembled.clippedTexts!]).toEqual([...clipped.clippedTexts!]);
    expect(computeDbBreakdown(createTraceView(assembled)).groups).toEqual(computeDbBreakdown(createTraceView(viaCompact(clipped))).groups);
  });

  it("costs the server little for a trace of many distinct long shapes", () => {
    // Each statement a distinct 64K run of short predicates, the densest SQL in tokens: every clipped
    // statement is normalized whole for its shape. Timed against hashing the same texts once (which
    // clipping does twice a statement, for its mark and its shape's), so the machine's load cancels:
    // ~10 times that here, 45-130 times with the token-array normalizeSql (docs/benchmarks.md §61).
    const spans = [span("root", "t", "wsgi", 0, "GET /v2/servers")];
    for (let k = 0; k < 500; k++) {
      const sql = `SELECT t.id FROM table_${k} AS t WHERE ${"t.a = ? OR t.b <> ? OR ".repeat(3000)}`.slice(0, MAX_STRING);
      spans.push(span(`q${k}`, "root", "db", 1 + k, sql));
    }
    const trace = buildTrace(spans);
    let hashing = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      for (const text of trace.strings) hashAggregateKey(text);
      hashing = Math.min(hashing, performance.now() - started);
    }
    const started = performance.now();
    const sent = clipTraceTexts(trace);
    const json = JSON.stringify(convertTraceToCompact(sent));
    const elapsed = performance.now() - started;
    expect(sent.clippedTexts!.size).toBe(500);
    expect(new Set([...sent.clippedTexts!.values()].map((c) => c.shape)).size).toBe(500);
    expect(json.length).toBeLessThan(500 * 3 * (TRACE_TEXT_LIMITS.displayChars + 100));
    expect(elapsed).toBeLessThan(30 * hashing);
  });

  it("carries the derived keys clipped the same way when they are long themselves", () => {
    const shape = normalizeSql(full.strings[full.detail[2]!]!);
    expect(shape.length).toBeGreaterThan(TRACE_TEXT_LIMITS.displayChars);
    expect(clipped.clippedTexts!.get(clipped.strings[clipped.detail[2]!]!)!.shape).toBe(
      clipWithMark(shape, TRACE_TEXT_LIMITS.displayChars),
    );
  });
});
