import { describe, expect, it } from "vitest";
import { buildTrace } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { explainWholeTrace } from "./explainWholeTrace";
import { readFindingsJson, writeFindingsJson } from "./findingsJson";

const ASCII = /^[\x00-\x7f]*$/;

// The API answers at 20 ms and the work goes on (an "answer" finding); one statement with a
// value list runs three times under the same call (an N+1 finding, its shape "in (…)").
const trace = buildTrace(
  spansFromDrawing(`
  wsgi#api              osapi_compute   0..20000         path="POST /v2.1/servers"
  └ compute_api#create  osapi_compute   1000..90000      fn=nova.compute.api.API.create
    ├ db#q1             osapi_compute   2000..30000      sql="SELECT * FROM instances WHERE id IN (1, 2, 3)"
    ├ db#q2             osapi_compute   31000..60000     sql="SELECT * FROM instances WHERE id IN (4, 5)"
    └ db#q3             osapi_compute   61000..89000     sql="SELECT * FROM instances WHERE id IN (6)"
`),
);

describe("writeFindingsJson", () => {
  it("gives back the server's findings as they were, in ASCII, the SQL list's ellipsis and the answer's rank included", () => {
    const findings = explainWholeTrace(trace);
    expect(findings.map((f) => f.kind)).toContain("answer");
    const sql = findings.find((f) => f.kind === "sql");
    expect(sql?.kind === "sql" ? sql.nPlusOne?.statement : "").toContain("(…)");
    const json = writeFindingsJson(findings);
    expect(json).toMatch(ASCII);
    expect(readFindingsJson(json)).toEqual(findings);
  });
});
