// The advances of the font a timeline row's text is set in (text-xs in the page's own family),
// measured once per page on a canvas: what lib/ui/columnTextClip needs to cut a row's text to
// its column. Null where there is no canvas to measure with (the server, jsdom): rows then keep
// ROW_TEXT_MAX characters, as a server-rendered page's first rows do.
import { measureGlyphAdvances, type GlyphAdvances } from "@/lib/ui/columnTextClip";

/** text-xs: 0.75rem. */
const ROW_FONT_REM = 0.75;

export type RowFont = { advances: GlyphAdvances; remPx: number };

let measured: RowFont | null | undefined;

/** Measured at the first call, then the same object (a stable snapshot for useSyncExternalStore). */
export function readRowFont(): RowFont | null {
  if (measured !== undefined) return measured;
  measured = null;
  if (typeof document === "undefined" || typeof OffscreenCanvas === "undefined" || !document.body) return measured;
  const context = new OffscreenCanvas(1, 1).getContext("2d");
  if (!context) return measured;
  const remPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const body = getComputedStyle(document.body);
  context.font = `${body.fontStyle} 400 ${remPx * ROW_FONT_REM}px ${body.fontFamily}`;
  const advances = measureGlyphAdvances((ch) => context.measureText(ch).width);
  measured = advances && { advances, remPx };
  return measured;
}
