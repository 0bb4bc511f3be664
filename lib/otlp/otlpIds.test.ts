import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { assignOtlpSpanIds, convertSpanIdToOtlp, convertTraceIdToOtlp } from "./otlpIds";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("OTLP ids from OSprofiler ids", () => {
  it("keeps the base_id's 128 bits as the trace id, and the first 64 bits of a span's trace_id as its span id", () => {
    expect(convertTraceIdToOtlp("3aee52c6-d52d-49d1-b14a-748c771f5d02")).toBe("3aee52c6d52d49d1b14a748c771f5d02");
    expect(convertTraceIdToOtlp("3AEE52C6-D52D-49D1-B14A-748C771F5D02")).toBe("3aee52c6d52d49d1b14a748c771f5d02");
    expect(convertSpanIdToOtlp("0c6a8b65-1e1c-48a4-9b91-820b3225a34e")).toBe("0c6a8b651e1c48a4");
  });

  it("hashes ids that are not UUIDs, or would be all zero (invalid in OTLP)", () => {
    expect(convertTraceIdToOtlp("not-a-uuid")).toBe(sha256("not-a-uuid").slice(0, 32));
    expect(convertTraceIdToOtlp("00000000-0000-0000-0000-000000000000")).toBe(sha256("00000000-0000-0000-0000-000000000000").slice(0, 32));
    expect(convertSpanIdToOtlp("00000000-0000-0000-1234-000000000000")).toBe(sha256("00000000-0000-0000-1234-000000000000").slice(0, 16));
    expect(convertSpanIdToOtlp("d1")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("settles colliding prefixes in the order given: the first keeps its prefix, the next gets the hash", () => {
    const a = "0c6a8b65-1e1c-48a4-9b91-820b3225a34e",
      b = "0c6a8b65-1e1c-48a4-aaaa-000000000001";
    expect(assignOtlpSpanIds([a, b])).toEqual(["0c6a8b651e1c48a4", sha256(b).slice(0, 16)]);
    expect(assignOtlpSpanIds([b, a])).toEqual(["0c6a8b651e1c48a4", sha256(a).slice(0, 16)]);
    // Stable: the same ids in the same order give the same answer.
    expect(assignOtlpSpanIds([a, b])).toEqual(assignOtlpSpanIds([a, b]));
  });
});
