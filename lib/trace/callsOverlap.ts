// Whether calls of one kind ran side by side (parallel or nested): their times, summed, exceed
// the time they can have covered. On the compare page that is the union of their extents; from
// the per-trace sums kept at ingest, which keep no extents, it is the trace's wall time (the most
// any union can be), so there a sum that overlaps less than that is not seen.
import { SAME_WITHIN_US } from "./alignTraces";

export function callsOverlap(summedUs: number, coveredUs: number): boolean {
  return summedUs > coveredUs + SAME_WITHIN_US;
}
