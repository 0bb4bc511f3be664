import { lab } from "d3";
import { describe, expect, it } from "vitest";
import { buildTrace } from "../trace";
import { spansFromDrawing } from "../../testing/spansFromDrawing";
import { computeTraceLegend } from "./computeTraceLegend";
import { SERVICE_PALETTE } from "./serviceColors";
import {
  assignSpanTypeColors,
  hashTypeColor,
  KNOWN_SPAN_TYPE_COLORS,
  MIN_DISTANCE_FROM_SERVICES,
  SPAN_TYPE_EXTRA_PALETTE,
} from "./spanTypeColors";

const deltaE = (a: string, b: string) => {
  const x = lab(a),
    y = lab(b);
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
};
const typePalette = [...Object.values(KNOWN_SPAN_TYPE_COLORS), ...SPAN_TYPE_EXTRA_PALETTE];

describe("span type colors", () => {
  it("never look like a service: every type color is far from every service color", () => {
    for (const t of typePalette) {
      const nearest = Math.min(...SERVICE_PALETTE.map((s) => deltaE(t, s)));
      expect(nearest, `${t} is too close to a service color`).toBeGreaterThanOrEqual(MIN_DISTANCE_FROM_SERVICES);
    }
  });

  it("are distinct from each other", () => {
    expect(new Set(typePalette).size).toBe(typePalette.length);
    for (const a of typePalette) for (const b of typePalette) if (a !== b) expect(deltaE(a, b)).toBeGreaterThan(MIN_DISTANCE_FROM_SERVICES);
  });

  it("keep a fixed color for OpenStack's types, give the others the extra palette in order, then a derived hue", () => {
    const others = Array.from({ length: SPAN_TYPE_EXTRA_PALETTE.length + 1 }, (_, k) => `custom_${k}`);
    const colors = assignSpanTypeColors([others[0]!, "rpc", "db", ...others.slice(1), "wsgi", "rpc"]);
    expect(colors.get("rpc")).toBe(KNOWN_SPAN_TYPE_COLORS.rpc);
    expect(colors.get("db")).toBe(KNOWN_SPAN_TYPE_COLORS.db);
    expect(colors.get("wsgi")).toBe(KNOWN_SPAN_TYPE_COLORS.wsgi);
    expect(others.slice(0, -1).map((t) => colors.get(t))).toEqual(SPAN_TYPE_EXTRA_PALETTE);
    expect(colors.get(others.at(-1)!)).toBe(hashTypeColor(others.at(-1)!));
    expect(hashTypeColor("x")).toMatch(/^hsl\(\d+ 75% 38%\)$/);
    // "constructor" and friends are types like any other, not Object.prototype's members.
    expect(assignSpanTypeColors(["constructor"]).get("constructor")).toBe(SPAN_TYPE_EXTRA_PALETTE[0]);
  });

  it("color the types of a trace's legend, apart from its services", () => {
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#w         osapi_compute  0..100
      ├ db#d1        osapi_compute  10..20
      └ rpc#r        nova-conductor 30..90
        └ weird#x    nova-conductor 40..50
    `),
    );
    const legend = computeTraceLegend(trace);
    expect(legend.typeColorOf("rpc")).toBe(KNOWN_SPAN_TYPE_COLORS.rpc);
    expect(legend.typeColorOf("weird")).toBe(SPAN_TYPE_EXTRA_PALETTE[0]);
    const serviceColors = new Set(legend.services.map((s) => s.color));
    for (const t of legend.types) expect(serviceColors.has(legend.typeColorOf(t.value))).toBe(false);
    // serviceOf points each span at its legend entry, whose color colorOf gives.
    for (let i = 0; i < trace.size; i++) expect(legend.services[legend.serviceOf[i]!]!.color).toBe(legend.colorOf(i));
    expect([...legend.serviceOf].map((k) => legend.services[k]!.service)).toEqual([
      "osapi_compute",
      "osapi_compute",
      "nova-conductor",
      "nova-conductor",
    ]);
  });
});
