import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildOfflineReportHtml } from "./buildOfflineReportHtml";
import { escapeInlineJson } from "./escapeInlineJson";
import { selectInlinedDetails } from "./selectInlinedDetails";
import { buildTrace } from "../trace/buildTrace";
import { convertTraceToCompact } from "../trace/convertTraceToCompact";
import { spansFromDrawing } from "../../testing/spansFromDrawing";

const HOSTILE = { path: "</script><script>alert(1)</script>", comment: "<!--<script>", separators: "a\u2028b\u2029c", amp: "&lt;" };

describe("escapeInlineJson", () => {
  it("leaves no way out of a JSON script block and parses back to the same value", () => {
    const json = JSON.stringify(HOSTILE);
    const escaped = escapeInlineJson(json);
    expect(escaped).not.toMatch(/<|>|&|\u2028|\u2029/);
    expect(JSON.parse(escaped)).toStrictEqual(HOSTILE);
  });
});

describe("buildOfflineReportHtml", () => {
  const parts = {
    title: "Trace <b>x</b>",
    script: "console.log(1)",
    css: "body{color:red}",
    meta: "{}",
    trace: JSON.stringify(HOSTILE),
    details: "{}",
  };

  it("carries a CSP that allows exactly its own script and stylesheet and no network", () => {
    const html = buildOfflineReportHtml(parts);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'none'");
    const sha256 = (text: string) => createHash("sha256").update(text).digest("base64");
    expect(csp).toContain(`script-src 'sha256-${sha256("console.log(1)")}';`);
    expect(csp).toContain(`style-src 'sha256-${sha256("body{color:red}")}';`);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(html).toContain("<title>Trace &lt;b&gt;x&lt;/b&gt;</title>");
    expect(html.match(/<script>/g)).toHaveLength(1);
    // The hostile trace stays inside its data block.
    expect(html.match(/<\/script>/gi)).toHaveLength(4);
  });

  it("refuses a script or stylesheet that would end its element early", () => {
    expect(() => buildOfflineReportHtml({ ...parts, script: 'x="</script>"' })).toThrow(/cannot be inlined/);
    expect(() => buildOfflineReportHtml({ ...parts, css: "a{}</style>" })).toThrow(/cannot be inlined/);
  });
});

describe("selectInlinedDetails", () => {
  const compact = convertTraceToCompact(
    buildTrace(
      spansFromDrawing(`
    wsgi#w    api  0..1000  path="GET /x"
    ├ db#d1   api  10..20   sql="SELECT 1"
    ├ rpc#r   api  30..40   fn=f err=Boom
    └ db#d2   api  50..60   sql="SELECT 2"
  `),
    ),
  );
  const entries = [
    { spanId: "d1", bytes: 300 },
    { spanId: "d2", bytes: 100 },
    { spanId: "w", bytes: 200 },
    { spanId: "r", bytes: 400 },
  ];

  it("spends the budget on spans that raised, then other calls, then SQL, in tree order", () => {
    expect([...selectInlinedDetails(compact, entries, 10_000)]).toEqual(["r", "w", "d1", "d2"]);
    expect([...selectInlinedDetails(compact, entries, 600)]).toEqual(["r", "w"]);
    // d1 does not fit in what is left; the smaller d2 after it does.
    expect([...selectInlinedDetails(compact, entries, 750)]).toEqual(["r", "w", "d2"]);
    expect(selectInlinedDetails(compact, entries, 0).size).toBe(0);
  });
});
