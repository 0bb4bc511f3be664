import { describe, expect, it } from "vitest";
import { decodeTraceListCursor, encodeTraceListCursor, type TraceListCursor } from "./traceListCursor";

describe("trace list cursor", () => {
  it("round-trips, as URL-safe text", () => {
    const cursors: TraceListCursor[] = [
      { sort: "newest", key: 1_714_557_600_123_456, traceId: "0c6a8b65-1e1c-48a4-9b91-820b3225a34e" },
      { sort: "slowest", key: 0, traceId: "a" },
    ];
    for (const cursor of cursors) {
      const text = encodeTraceListCursor(cursor);
      expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeTraceListCursor(text)).toEqual(cursor);
    }
  });

  it("refuses anything it did not make", () => {
    const b64 = (s: string) => btoa(s).replace(/=+$/, "");
    for (const text of [
      "",
      "!!",
      "a",
      b64("oldest:1:ab"),
      b64("newest:x:ab"),
      b64("newest:1:AB"),
      b64("newest:99999999999999999:ab"),
      b64("newest:1:ab:extra"),
    ]) {
      expect(decodeTraceListCursor(text), text).toBeNull();
    }
  });
});
