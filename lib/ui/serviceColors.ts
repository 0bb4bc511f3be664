// One color per service, readable on white and on near-black. OSprofiler services name
// themselves inside a project ("nova" / "osapi_compute", and two projects may both call a
// service "api"), so the key is project/service.

export function serviceKey(project: string, service: string): string {
  return `${project}/${service}`;
}

/**
 * Tableau 10 first, then more mid-tone colors: every one keeps contrast against both themes.
 * The ten are written out rather than imported from d3: its schemeTableau10 brings the whole of
 * d3-scale-chromatic into the trace page's first scripts (16 KB; docs/benchmarks.md §41).
 */
export const SERVICE_PALETTE: readonly string[] = [
  "#4e79a7",
  "#f28e2c",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc949",
  "#af7aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ab",
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#bcbd22",
];

/**
 * Colors for the services of one trace or page, in the order given (most spans first reads
 * best: the big services get the most distinct colors). Past the palette, a color is derived
 * from the key, so it is stable but may repeat.
 */
export function assignServiceColors(keys: Iterable<string>): Map<string, string> {
  const colors = new Map<string, string>();
  for (const key of keys) {
    if (colors.has(key)) continue;
    colors.set(key, colors.size < SERVICE_PALETTE.length ? SERVICE_PALETTE[colors.size]! : hashColor(key));
  }
  return colors;
}

/** A mid-lightness hue from the text, for services beyond the palette. */
export function hashColor(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return `hsl(${(h >>> 0) % 360} 55% 50%)`;
}
