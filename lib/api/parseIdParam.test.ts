import { describe, expect, it } from "vitest";
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
});
