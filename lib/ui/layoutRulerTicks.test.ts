import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { placeTimeTicks } from "./computeTimeTicks";
import { FIRST_RULER_BAND, LAST_RULER_BAND, layoutRulerTicks, RULER_BAND_PX, rulerBandOf } from "./layoutRulerTicks";

const BANDS = Array.from({ length: LAST_RULER_BAND - FIRST_RULER_BAND + 1 }, (_, k) => FIRST_RULER_BAND + k);

describe("layoutRulerTicks", () => {
  it("gives every band of width its own ticks, whatever width a server would have guessed", () => {
    // 13 s: 5 s apart at a phone's 96 px, 1 s apart at 900 px, 0.5 s from 1,710 px.
    const { sets } = layoutRulerTicks(13_000_000);
    expect(sets.flatMap((s) => s.bands)).toEqual(BANDS);
    for (const set of sets)
      for (const band of set.bands)
        expect(set.ticks).toEqual(placeTimeTicks(13_000_000, band === FIRST_RULER_BAND ? 96 : band * RULER_BAND_PX));
    // Neighbouring bands with the same ticks share one set: a few sets, not one per band.
    expect(sets.length).toBeLessThan(BANDS.length / 2);
    expect(sets[0]!.ticks.map((t) => [t.label, t.showLabel])).toEqual([
      ["0", true],
      ["5 s", true],
      ["10 s", false],
    ]);
    expect(sets.at(-1)).toMatchObject({ bands: [19, 20] });
    expect(sets.at(-1)!.ticks).toHaveLength(27);
    // The widths at 1024 px (about 520 px of ruler) and the 400 px once guessed lie in different bands.
    const setOf = (px: number) => sets.find((s) => s.bands.includes(rulerBandOf(px)))!;
    expect(setOf(400).ticks.map((t) => t.label)).toEqual(["0", "5 s", "10 s"]);
    expect(setOf(520).ticks.map((t) => t.label)).toEqual(["0", "2 s", "4 s", "6 s", "8 s", "10 s", "12 s"]);
  });

  it("gives the rows' grid lines the spacing of the measured width's band, as shares of the width", () => {
    const { gridAt } = layoutRulerTicks(13_000_000);
    // 900 to 989 px: a line every 1 s of 13 s.
    expect(gridAt(900)).toEqual({ "--tick-step": `${Math.round((100 / 13) * 1e4) / 1e4}%`, "--tick-pos": "0%" });
    expect(gridAt(989)).toEqual(gridAt(900));
    // 400 px (what the server assumes): every 5 s; past the last band, the last band's.
    expect(gridAt(400)["--tick-step"]).toBe(`${Math.round((500 / 13) * 1e4) / 1e4}%`);
    expect(gridAt(5000)).toEqual(gridAt(LAST_RULER_BAND * RULER_BAND_PX));
    // A zoomed window from 0.25 s to 1.25 s at 450 px: lines every 0.2 s from 0.4 s; a tile 20% wide
    // placed at 15% of the width is at 15% / (1 - 20%) of the free room, 18.75%.
    expect(layoutRulerTicks(1_000_000, 250_000).gridAt(450)).toEqual({ "--tick-step": "20%", "--tick-pos": "18.75%" });
  });

  it("matches the stylesheet's bands", () => {
    const css = readFileSync(new URL("../../app/globals.css", import.meta.url), "utf8");
    const rules = [...css.matchAll(/@container ruler-band \(([^)]*)\) \{\s*\.ruler-band-(\d+) \{/g)];
    expect(rules.map((m) => Number(m[2]))).toEqual(BANDS);
    for (const [, condition, band] of rules) {
      const k = Number(band);
      const from = k === FIRST_RULER_BAND ? "" : `${k * RULER_BAND_PX}px <= width`;
      const to = k === LAST_RULER_BAND ? "" : `width < ${(k + 1) * RULER_BAND_PX}px`;
      expect(condition).toBe([from, to].filter(Boolean).join(" < ").replace("width < width", "width"));
      expect(rulerBandOf(k * RULER_BAND_PX + 45)).toBe(k);
    }
  });
});
