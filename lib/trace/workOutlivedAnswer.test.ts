import { describe, expect, it } from "vitest";
import { MIN_WORK_AFTER_ANSWER_US, workOutlivedAnswer } from "./workOutlivedAnswer";
import { summarizeTrace } from "./summarizeTrace";
import { buildTrace } from "./buildTrace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";

const ms = 1000;

describe("workOutlivedAnswer", () => {
  it("holds for a server create: answered in 33 ms, work for 10.6 s", () => {
    expect(workOutlivedAnswer({ answeredUs: 33 * ms, workUs: 10_600 * ms })).toBe(true);
  });

  it("does not hold for a request that did its work before answering", () => {
    expect(workOutlivedAnswer({ answeredUs: 900 * ms, workUs: 900 * ms })).toBe(false);
  });

  it("needs the work after the answer to last at least as long as the answer", () => {
    expect(workOutlivedAnswer({ answeredUs: 400 * ms, workUs: 799 * ms })).toBe(false);
    expect(workOutlivedAnswer({ answeredUs: 400 * ms, workUs: 800 * ms })).toBe(true);
  });

  it("ignores a short tail, however long against a fast answer", () => {
    expect(workOutlivedAnswer({ answeredUs: 2 * ms, workUs: 2 * ms + MIN_WORK_AFTER_ANSWER_US - 1 })).toBe(false);
    expect(workOutlivedAnswer({ answeredUs: 2 * ms, workUs: 2 * ms + MIN_WORK_AFTER_ANSWER_US })).toBe(true);
  });

  it("does not hold without a root or before the root answered", () => {
    expect(workOutlivedAnswer({ answeredUs: null, workUs: 10_000 * ms })).toBe(false);
    expect(workOutlivedAnswer({ answeredUs: null, workUs: null })).toBe(false);
  });

  it("reads a drawn cast that outlives the API's answer from the trace's summary", () => {
    const cast = summarizeTrace(
      buildTrace(
        spansFromDrawing(`
          wsgi#w        nova-api   0..30000       path="POST /v2.1/servers"
          ├ db#d1       nova-api   1000..2000     sql="SELECT 1"
          └ rpc#c       nova-api   25000..26000
            └ rpc#s     conductor  27000..3000000
        `),
      ),
    );
    expect(workOutlivedAnswer(cast)).toBe(true);
    const sync = summarizeTrace(
      buildTrace(
        spansFromDrawing(`
          wsgi#w        nova-api   0..300000      path="GET /v2.1/servers/detail"
          └ db#d1       nova-api   1000..290000   sql="SELECT 1"
        `),
      ),
    );
    expect(workOutlivedAnswer(sync)).toBe(false);
  });
});
