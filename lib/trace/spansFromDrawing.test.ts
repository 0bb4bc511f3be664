import { describe, expect, it } from "vitest";
import { parseProfilerPayload } from "../notification/parseProfilerPayload";
import { DRAWN_TRACE_ID, spansFromDrawing, T0 } from "../../testing/spansFromDrawing";

describe("spansFromDrawing (the test helper)", () => {
  it("reads the tree from the indentation and the options from key=value pairs", () => {
    const [w, d, r] = spansFromDrawing(`
      wsgi#w   nova-api  0..100   path="POST /v2.1/servers"
      ├ db#d   nova-api  10..?    sql="SELECT 1" host=db-1
      └ rpc#r  glance    ?..90    project=glance err=Timeout msg="no reply" fn=glance.api.v2.images.show
    `);
    expect(w).toMatchObject({ spanId: "w", parentId: DRAWN_TRACE_ID, startUs: T0, stopUs: T0 + 100, detail: "POST /v2.1/servers" });
    expect(d).toMatchObject({
      spanId: "d",
      parentId: "w",
      host: "db-1",
      startUs: T0 + 10,
      stopUs: null,
      stopPayload: null,
      detail: "SELECT 1",
    });
    expect(r).toMatchObject({
      parentId: "w",
      project: "glance",
      startUs: null,
      startPayload: null,
      error: { type: "Timeout", message: "no reply" },
    });
    expect(r!.stopPayload).toMatchObject({ name: "rpc-stop", info: { etype: "Timeout", message: "no reply", host: "node-1" } });
  });

  it("makes payloads that the wire validation accepts when ids are UUIDs", () => {
    const [s] = spansFromDrawing(`
      db#5f0e2c1a-7b3d-4e9f-8a62-3c4d5e6f7a8b  api  0..5  sql="SELECT 1"
    `);
    expect(parseProfilerPayload(s!.startPayload)).toMatchObject({ phase: "start", name: "db", timestampUs: T0, traceId: DRAWN_TRACE_ID });
  });

  it("says which line is wrong", () => {
    expect(() => spansFromDrawing("wsgi#w api 0..10\nnonsense")).toThrow(/line 2/);
    expect(() => spansFromDrawing("    db#d api 0..10")).not.toThrow();
    expect(() => spansFromDrawing("wsgi#w api 0..10\n    db#d api 0..10")).toThrow(/indented under nothing/);
  });
});
