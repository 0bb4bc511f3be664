import { lab } from "d3";
import { describe, expect, it } from "vitest";
import { buildTrace } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { computeTraceLegend } from "./computeTraceLegend";

const deltaE = (a: string, b: string) => {
  const x = lab(a),
    y = lab(b);
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
};

/** A cloud's trace: one API call fanning out to 30 compute hosts, host k with 31 - k calls (ties none). */
function cloudTrace() {
  const lines = ["wsgi#root nova-api 0..100000 host=controller-1"];
  for (let k = 1; k <= 30; k++)
    for (let c = 0; c < 31 - k; c++)
      lines.push(`├ rpc nova-compute ${k * 100 + c}..${k * 100 + c + 1} host=compute-${String(k).padStart(2, "0")}`);
  return buildTrace(spansFromDrawing(lines.join("\n")));
}

describe("computeTraceLegend: host and project colors", () => {
  it("keeps the hosts with the most spans apart (a hash gave dozens of hosts a handful of hues), the same on every load", () => {
    const legend = computeTraceLegend(cloudTrace());
    const first = Array.from({ length: 12 }, (_, k) => legend.hostColorOf(`compute-${String(k + 1).padStart(2, "0")}`));
    expect(new Set(first).size).toBe(12);
    let closest = Infinity;
    for (let a = 0; a < first.length; a++)
      for (let b = a + 1; b < first.length; b++) closest = Math.min(closest, deltaE(first[a]!, first[b]!));
    expect(closest).toBeGreaterThan(10);
    // The controller (one span) comes after the 30 compute hosts; every host gets a color.
    expect(legend.hostColorOf("controller-1")).toMatch(/^(#|hsl)/);
    // A reload (the trace built again) gives every host the color it had.
    const again = computeTraceLegend(cloudTrace());
    for (let k = 1; k <= 30; k++) {
      const host = `compute-${String(k).padStart(2, "0")}`;
      expect(again.hostColorOf(host)).toBe(legend.hostColorOf(host));
    }
    // A host the trace does not hold still gets a color (its hash).
    expect(legend.hostColorOf("elsewhere")).toMatch(/^hsl\(/);
  });

  it("colors projects the same way", () => {
    const legend = computeTraceLegend(
      buildTrace(
        spansFromDrawing(`
          wsgi#a nova-api 0..100 project=nova
          ├ db neutron 10..20 project=neutron
          └ db glance 30..40 project=glance
        `),
      ),
    );
    expect(new Set(["nova", "neutron", "glance"].map(legend.projectColorOf)).size).toBe(3);
  });
});
