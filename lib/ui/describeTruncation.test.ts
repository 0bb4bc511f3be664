import { describe, expect, it } from "vitest";
import { describeTruncation } from "./describeTruncation";

const caps = { traceMaxSpans: 1_000_000, traceMaxBytes: 1024 ** 3 };

describe("describeTruncation", () => {
  it("names the refused spans and the cap that refused them, and nothing for a whole trace", () => {
    expect(describeTruncation({ droppedSpans: 12_345, truncated: "spans" }, caps)).toBe(
      "12,345 spans not stored: trace cap of 1,000,000 spans (OSTRACE_TRACE_MAX_SPANS) reached",
    );
    expect(describeTruncation({ droppedSpans: 1, truncated: "bytes" }, caps)).toBe(
      "1 span not stored: trace cap of 1,024 MiB (OSTRACE_TRACE_MAX_MB) reached",
    );
    // Only stops refused (their starts were stored, or are still to come).
    expect(describeTruncation({ droppedSpans: 0, truncated: "bytes" }, caps)).toBe(
      "Span halves not stored: trace cap of 1,024 MiB (OSTRACE_TRACE_MAX_MB) reached",
    );
    expect(describeTruncation({ droppedSpans: 0, truncated: null }, caps)).toBeNull();
  });
});
