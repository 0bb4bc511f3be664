import { describe, expect, it } from "vitest";
import { parseProfilerPayload } from "../notification/parseProfilerPayload";
import { parseIdParam } from "./parseIdParam";

describe("parseIdParam", () => {
  it("accepts a UUID in any case, trimmed, and gives it lower case", () => {
    expect(parseIdParam("0C6A8B65-1E1C-48A4-9B91-820B3225A34E", "traceId")).toBe("0c6a8b65-1e1c-48a4-9b91-820b3225a34e");
    expect(parseIdParam("%200c6a8b65-1e1c-48a4-9b91-820b3225a34e", "spanId")).toBe("0c6a8b65-1e1c-48a4-9b91-820b3225a34e");
  });

  it("refuses anything else, naming the parameter", () => {
    for (const bad of [
      "",
      "x",
      "0c6a8b65",
      "0c6a8b65-1e1c-48a4-9b91-820b3225a34",
      "0c6a8b65-1e1c-48a4-9b91-820b3225a34e0",
      "%zz",
      "<script>",
    ]) {
      const result = parseIdParam(bad, "spanId");
      expect(typeof result, bad).toBe("object");
      expect((result as { error: string }).error).toMatch(/^spanId: .* is not a span id \(OSprofiler trace_id\): expected a UUID/);
    }
    expect((parseIdParam("nope", "traceId") as { error: string }).error).toMatch(
      /^traceId: "nope" is not a trace id \(OSprofiler base_id\)/,
    );
  });

  it("names every trace ingest can store: the base_id it keeps is a valid id, as it is", () => {
    for (const baseId of [
      "0C6A8B65-1E1C-48A4-9B91-820B3225A34E",
      "00000000-0000-0000-0000-000000000000",
      "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ]) {
      const stored = parseProfilerPayload({
        name: "wsgi-start",
        base_id: baseId,
        trace_id: baseId,
        parent_id: baseId,
        timestamp: "2024-05-01T10:00:00.000000",
      });
      expect("traceId" in stored, baseId).toBe(true);
      const { traceId } = stored as { traceId: string };
      expect(parseIdParam(traceId, "traceId")).toBe(traceId);
    }
  });
});
