import { describe, expect, it } from "vitest";
import { buildTrace } from "./buildTrace";
import { measureAsyncTail } from "./measureAsyncTail";
import { spansFromDrawing } from "../../testing/spansFromDrawing";

describe("measureAsyncTail", () => {
  const trace = buildTrace(
    spansFromDrawing(`
    wsgi#w      api      0..1000
    ├ rpc#cast  api      100..110
    │ └ rpc#s   compute  300..5000   host=cmp-1
    ├ rpc#back  api      600..500
    │ └ db#d    api      550..700
    ├ rpc#call  api      700..900
    │ └ db#e    api      710..720
    └ rpc#run   api      950..?
      └ db#f    api      960..990
  `),
  );
  const at = (id: string) => measureAsyncTail(trace, trace.spanId.indexOf(id));

  it("is how long the span's subtree ran after the span ended", () => {
    expect(at("cast")).toBe(4890);
    expect(at("w")).toBe(4000);
    expect(at("call")).toBe(0);
    expect(at("s")).toBe(0);
  });

  it("counts from a span's later timestamp when its stop precedes its start, and is 0 for a span that never finished", () => {
    expect(at("back")).toBe(100);
    expect(at("run")).toBe(0);
  });
});
