import { describe, expect, it } from "vitest";
import type { SpanRow } from "../span/types";
import { streamSpanDetailsNdjson } from "./streamSpanDetailsNdjson";

const TRACE = "11111111-1111-4111-8111-111111111111";
const row = (i: number): SpanRow => ({
  traceId: TRACE,
  spanId: `span-${String(i).padStart(5, "0")}`,
  parentId: TRACE,
  name: "db",
  project: "nova",
  service: "nova-api",
  host: "ctl-1",
  startUs: 1_000_000 + i,
  stopUs: 1_000_100 + i,
  errorType: null,
  detail: "SELECT 1",
  startRest: null,
  stopRest: null,
});

/** Pages as scanTraceSpanRows yields them, counting how many were read. */
function pagesOf(sizes: number[], read: { pages: number; closed: boolean }): AsyncGenerator<SpanRow[]> {
  return (async function* () {
    let i = 0;
    try {
      for (const size of sizes) {
        read.pages++;
        yield Array.from({ length: size }, () => row(i++));
      }
    } finally {
      read.closed = true;
    }
  })();
}

describe("streamSpanDetailsNdjson", () => {
  it("writes every row of every page once, in order, one JSON object a line (empty pages too)", async () => {
    const read = { pages: 0, closed: false };
    const text = await new Response(streamSpanDetailsNdjson(pagesOf([2000, 0, 1234, 1], read))).text();
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(3235);
    expect(text.endsWith("\n")).toBe(true);
    expect(lines.map((l) => (JSON.parse(l) as { spanId: string }).spanId)).toEqual(Array.from({ length: 3235 }, (_, i) => row(i).spanId));
    expect(JSON.parse(lines[0]!)).toMatchObject({ traceId: TRACE, name: "db", service: "nova-api", startUs: 1_000_000 });
    expect(read).toEqual({ pages: 4, closed: true });
  });

  it("reads a page only when the client has taken the one before, and stops reading when the client goes away", async () => {
    const read = { pages: 0, closed: false };
    const reader = streamSpanDetailsNdjson(pagesOf([600, 600, 600, 600], read)).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).split("\n")).toHaveLength(501); // 500 lines and the last newline
    // The stream's own read-ahead may have asked for the next chunk, not for the whole trace.
    expect(read.pages).toBeLessThanOrEqual(2);
    await reader.cancel();
    expect(read.closed).toBe(true);
    expect(read.pages).toBeLessThanOrEqual(2);
  });
});
