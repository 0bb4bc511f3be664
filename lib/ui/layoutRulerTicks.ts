// The time ruler's ticks for every width it may have, so that the HTML the server renders is
// right before any script has measured the ruler (it used to guess 400 px: at 1024 px the ticks
// and the rows' grid lines moved once the page's scripts ran). One set per band of 90 px of width
// (about one tick per 90 px, as placeTimeTicks), equal neighbours merged; the CSS (app/globals.css,
// `.time-ruler`) shows the set of the ruler's band by a container query on the width the layout
// gives. The rows' grid lines take the spacing of the band the timeline measured (gridAt).
import { placeTimeTicks, type PlacedTick } from "./computeTimeTicks";

/** Band k holds rulers k × 90 px to (k + 1) × 90 px wide; the first also the narrower ones, the last the wider ones. */
export const RULER_BAND_PX = 90;
export const FIRST_RULER_BAND = 2;
export const LAST_RULER_BAND = 20;
/** The narrowest bar column (6rem on a phone, app/globals.css): the first band's labels are placed for it. */
const NARROWEST_RULER_PX = 96;

export type RulerTickSet = {
  /** The bands (see RULER_BAND_PX) in which this set is the one shown. */
  bands: number[];
  /** Placed for the narrowest width of its bands, so that no label runs into another anywhere in them. */
  ticks: PlacedTick[];
};

export type RulerLayout = {
  sets: RulerTickSet[];
  /**
   * Custom properties for the timeline's root: the rows' grid lines (--tick-step, --tick-pos, as
   * shares of the width) for a ruler `widthPx` wide, those of its band's ticks.
   */
  gridAt(widthPx: number): Record<string, string>;
};

/** `fromUs`: the window's offset from the trace's start (a zoomed window starts later). */
export function layoutRulerTicks(durationUs: number, fromUs = 0): RulerLayout {
  const sets: RulerTickSet[] = [];
  const grid = new Map<number, Record<string, string>>();
  let previousKey = "";
  for (let band = FIRST_RULER_BAND; band <= LAST_RULER_BAND; band++) {
    const ticks = placeTimeTicks(durationUs, band === FIRST_RULER_BAND ? NARROWEST_RULER_PX : band * RULER_BAND_PX, fromUs);
    const key = JSON.stringify(ticks);
    if (key === previousKey) sets.at(-1)!.bands.push(band);
    else sets.push({ bands: [band], ticks });
    previousKey = key;
    // d3's ticks are evenly spaced: a background tile one step wide, shifted to the first tick.
    // A percentage position p places the tile at p × (width − tile), hence offset / (1 − step).
    const step = ticks.length > 1 ? ticks[1]!.fraction - ticks[0]!.fraction : 1;
    const offset = ticks[0]?.fraction ?? 0;
    grid.set(band, { "--tick-step": `${round(step * 100)}%`, "--tick-pos": `${step < 1 ? round((offset / (1 - step)) * 100) : 0}%` });
  }
  return { sets, gridAt: (widthPx) => grid.get(rulerBandOf(widthPx))! };
}

/** The band (see RULER_BAND_PX) of a ruler `widthPx` wide. */
export function rulerBandOf(widthPx: number): number {
  return Math.min(LAST_RULER_BAND, Math.max(FIRST_RULER_BAND, Math.floor(widthPx / RULER_BAND_PX)));
}

const round = (percent: number) => Math.round(percent * 1e4) / 1e4;
