// One color per span type (OSprofiler's span name: wsgi, rpc, db, driver, compute_api, ...),
// from a palette of its own: a type must never read as a service (lib/ui/serviceColors.ts), so
// every color here is at least MIN_DISTANCE_FROM_SERVICES (CIELAB ΔE) away from every service
// color, and all of them are mid-tones that read on white and on near-black.

/** The types OpenStack's services trace, each with a fixed color, so "rpc" looks the same in every trace. */
export const KNOWN_SPAN_TYPE_COLORS: Readonly<Record<string, string>> = {
  db: "#1560fd",
  rpc: "#b813c5",
  wsgi: "#1fc296",
  driver: "#f71c88",
  compute_api: "#736c03",
  neutron_api: "#a94f15",
  vif_driver: "#5691fb",
};

/** Colors for the other types of a trace, in the order they rank. */
export const SPAN_TYPE_EXTRA_PALETTE: readonly string[] = ["#a3b178", "#387655", "#b34064", "#a7a7df", "#36c505"];

/**
 * How far (CIELAB ΔE 1976) every type color stays from every service color; checked by the
 * tests. The colors were picked (greedily, in HCL at lightness 45-70) to be as far as possible
 * from the service palette and from each other.
 */
export const MIN_DISTANCE_FROM_SERVICES = 25;

/**
 * Colors for the span types of a trace, given most spans first: the known types keep theirs,
 * the others take the extra palette in order, and past it a hue derived from the name (stable,
 * drawn darker and more saturated than a service's derived hue so the two families differ).
 */
export function assignSpanTypeColors(types: Iterable<string>): Map<string, string> {
  const colors = new Map<string, string>();
  let extra = 0;
  for (const type of types) {
    if (colors.has(type)) continue;
    const known = Object.hasOwn(KNOWN_SPAN_TYPE_COLORS, type) ? KNOWN_SPAN_TYPE_COLORS[type] : undefined;
    colors.set(type, known ?? (extra < SPAN_TYPE_EXTRA_PALETTE.length ? SPAN_TYPE_EXTRA_PALETTE[extra++]! : hashTypeColor(type)));
  }
  return colors;
}

/** The derived color of a type beyond the palette. */
export function hashTypeColor(type: string): string {
  let h = 2166136261;
  for (let i = 0; i < type.length; i++) {
    h ^= type.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return `hsl(${(h >>> 0) % 360} 75% 38%)`;
}
