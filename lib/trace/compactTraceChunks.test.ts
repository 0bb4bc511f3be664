import { describe, expect, it } from "vitest";
import type { Span } from "../span/types";
import { buildTrace } from "./buildTrace";
import type { CompactTraceChunk } from "./compactTrace";
import { convertCompactToTrace } from "./convertCompactToTrace";
import { convertTraceToCompact } from "./convertTraceToCompact";
import { createChunkAssembler } from "./createChunkAssembler";
import { readSpan } from "./readSpan";
import { splitTraceIntoChunks } from "./splitTraceIntoChunks";
import { spansFromDrawing } from "../../testing/spansFromDrawing";

// Every kind of flag, an error with and without a message, an orphan and a cut cycle.
const small = buildTrace(
  spansFromDrawing(`
  wsgi#w      nova-api   0..1000    path="POST /v2.1/servers"
  ├ rpc#r     conductor  100..?     host=cond-1
  │ └ db#d    conductor  150..?     sql="SELECT 1" err=OperationalError msg="locked"
  └ db#e      nova-api   ?..900     sql="SELECT 2" err=DBError
  rpc#o       glance-api 200..300   project=glance parent=missing
  rpc#c1      nova-api   400..500   parent=c2
  rpc#c2      nova-api   450..460   parent=c1
`),
);

const T0 = Date.UTC(2024, 4, 1) * 1000;
const id = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

/** A deterministic tree of `n` spans: each span's parent one of the 50 before it, new texts all along. */
function bigTrace(n: number) {
  const spans: Span[] = [];
  for (let i = 0; i < n; i++) {
    const parent = i === 0 ? -1 : Math.max(0, i - 1 - ((i * 7919) % 50));
    spans.push({
      traceId: "T",
      spanId: id(i),
      parentId: parent < 0 ? "T" : id(parent),
      name: i % 3 === 0 ? "db" : "rpc",
      project: "nova",
      service: `svc-${i % 11}`,
      host: `host-${i % 5}`,
      startUs: T0 + i * 10,
      stopUs: i % 97 === 5 ? null : T0 + i * 10 + 5 + (i % 13) * 40,
      error: i % 101 === 7 ? { type: `E${i % 4}`, message: i % 2 ? `failed ${i}` : null } : null,
      detail: i % 3 === 0 ? `SELECT ${i % 400} FROM t` : null,
      startPayload: null,
      stopPayload: null,
    });
  }
  return buildTrace(spans, "T");
}

/** As the wire carries them. */
const overTheWire = (chunks: Iterable<CompactTraceChunk>) => [...chunks].map((c) => JSON.parse(JSON.stringify(c)) as CompactTraceChunk);

describe("chunked compact trace", () => {
  it("assembles into the model the one-shot compact form gives, whatever the chunk sizes", () => {
    const oneShot = convertCompactToTrace(JSON.parse(JSON.stringify(convertTraceToCompact(small))));
    for (const sizes of [
      { first: 1, rest: 1 },
      { first: 2, rest: 3 },
      { first: 100, rest: 100 },
    ]) {
      const assembler = createChunkAssembler();
      for (const chunk of overTheWire(splitTraceIntoChunks(small, sizes))) assembler.add(chunk);
      const assembled = assembler.finish();
      expect(assembled).toEqual(oneShot);
      expect(assembled).toEqual(small);
      for (let i = 0; i < small.size; i++) expect(readSpan(assembled, i)).toEqual(readSpan(small, i));
    }
  });

  it("sends each text and (name, service, project, host) combination once, in the first chunk that needs it", () => {
    const trace = bigTrace(5000);
    const chunks = overTheWire(splitTraceIntoChunks(trace, { first: 200, rest: 1000 }));
    expect(chunks.map((c) => c.ids.length)).toEqual([200, 1000, 1000, 1000, 1000, 800]);
    expect(chunks.map((c) => c.from)).toEqual([0, 200, 1200, 2200, 3200, 4200]);
    const strings = chunks.flatMap((c) => c.strings);
    expect(strings).toEqual(trace.strings);
    expect(new Set(chunks.flatMap((c) => c.kinds.map((k) => k.join())))).toHaveProperty("size", chunks.flatMap((c) => c.kinds).length);
    // A later chunk brings the statements its spans are the first to run, not the whole table again.
    expect(chunks[0]!.strings.length).toBeLessThan(trace.strings.length);
    expect(chunks[5]!.strings.length).toBeLessThan(chunks[1]!.strings.length + chunks[0]!.strings.length);
    const assembler = createChunkAssembler();
    for (const chunk of chunks) assembler.add(chunk);
    expect(assembler.finish()).toEqual(convertCompactToTrace(convertTraceToCompact(trace)));
  });

  it("cuts a chunk where its new texts pass the character budget: long statements and exceptions", () => {
    // 300 spans, every third with a statement of its own, every 101st an exception: texts of 1,000-3,000 characters.
    const long = (prefix: string, i: number) => `${prefix} ${i} ${"x".repeat(1000 + (i % 3) * 1000)}`;
    const spans = Array.from({ length: 300 }, (_, i): Span => ({
      traceId: "T",
      spanId: id(i),
      parentId: i === 0 ? "T" : id(0),
      name: "db",
      project: "nova",
      service: "nova-conductor",
      host: "ctl-1",
      startUs: T0 + i,
      stopUs: T0 + i + 1,
      detail: i % 3 === 0 ? long("SELECT", i) : null,
      error: i % 101 === 7 ? { type: long("Error", i), message: long("failed", i) } : null,
      startPayload: null,
      stopPayload: null,
    }));
    const trace = buildTrace(spans, "T");
    const maxStringChars = 20_000;
    const chunks = overTheWire(splitTraceIntoChunks(trace, { first: 40, rest: 1000, maxStringChars }));
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks[0]!.ids.length).toBeLessThanOrEqual(40);
    for (const chunk of chunks) {
      const chars = chunk.strings.reduce((sum, text) => sum + text.length, 0);
      // Within the budget, and as full as it allows: the next span's texts would not have fitted.
      expect(chars).toBeLessThanOrEqual(maxStringChars);
      expect(chars).toBeGreaterThan(maxStringChars - 2 * 3_100);
    }
    expect(chunks.flatMap((c) => c.strings)).toEqual(trace.strings);
    const assembler = createChunkAssembler();
    for (const chunk of chunks) assembler.add(chunk);
    expect(assembler.finish()).toEqual(trace);

    // A span whose own texts pass the budget comes whole, with only spans that bring no new text after it.
    const alone = overTheWire(splitTraceIntoChunks(trace, { first: 40, rest: 1000, maxStringChars: 100 }));
    for (const c of alone.filter((c) => c.strings.reduce((sum, text) => sum + text.length, 0) > 100)) {
      const first = readSpan(trace, c.from);
      const itsTexts = [first.name, first.service, first.project, first.host, first.detail, first.error?.type, first.error?.message];
      expect(c.strings.every((text) => itsTexts.includes(text))).toBe(true);
    }
    expect(alone.find((c) => c.ids[0] === id(7))!.strings.join("")).toContain(long("Error", 7));
    expect(alone.flatMap((c) => c.strings)).toEqual(trace.strings);
  });

  it("shows the spans received so far as a tree of their own: the top of the pre-order", () => {
    const trace = bigTrace(3000);
    const chunks = overTheWire(splitTraceIntoChunks(trace, { first: 40, rest: 1000 }));
    const assembler = createChunkAssembler();
    assembler.add(chunks[0]!);
    expect([assembler.received, assembler.size]).toEqual([40, 3000]);
    const preview = assembler.preview();
    expect(preview.size).toBe(40);
    expect(preview.spanId).toEqual(trace.spanId.slice(0, 40));
    expect(Array.from(preview.depth)).toEqual(Array.from(trace.depth.slice(0, 40)));
    for (let i = 0; i < 40; i++) expect(readSpan(preview, i).name).toBe(readSpan(trace, i).name);
    // The preview is a copy: the assembly goes on and ends with the whole trace.
    for (const chunk of chunks.slice(1)) assembler.add(chunk);
    expect(preview.size).toBe(40);
    expect(assembler.finish()).toEqual(trace);
  });

  it("refuses chunks out of order, of another trace, or a trace that is not complete", () => {
    const chunks = overTheWire(splitTraceIntoChunks(small, { first: 2, rest: 2 }));
    const skipped = createChunkAssembler();
    skipped.add(chunks[0]!);
    expect(() => skipped.add(chunks[2]!)).toThrow(/expected position 2, got 4/);
    expect(() => skipped.finish()).toThrow(/2 of 7 spans received/);
    const mixed = createChunkAssembler();
    mixed.add(chunks[0]!);
    expect(() => mixed.add({ ...chunks[1]!, traceId: "other" })).toThrow(/chunk of trace other/);
    expect(() => createChunkAssembler().add({ ...chunks[0]!, v: 0 as 1 })).toThrow(/version 1/);
  });

  it("sends an empty trace as one empty chunk", () => {
    const empty = buildTrace([], "T");
    const chunks = overTheWire(splitTraceIntoChunks(empty, { first: 10, rest: 10 }));
    expect(chunks).toHaveLength(1);
    const assembler = createChunkAssembler();
    assembler.add(chunks[0]!);
    expect(assembler.finish()).toEqual(convertCompactToTrace(convertTraceToCompact(empty)));
  });
});
