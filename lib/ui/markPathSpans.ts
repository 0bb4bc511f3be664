import type { CriticalPath, Trace } from "@/lib/trace";

/**
 * By span, 1 where the critical path runs through the span's own time and 0 elsewhere: what the
 * overview draws strongly and what faintly. Null for a single span (it is the whole path) or
 * before the path is computed: the overview then draws every span alike.
 */
export function markPathSpans(trace: Trace, criticalPath: CriticalPath | null): Uint8Array | null {
  return criticalPath && trace.size > 1 ? Uint8Array.from(criticalPath.bySpan, (us) => (us > 0 ? 1 : 0)) : null;
}
