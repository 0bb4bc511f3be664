// The defaults a copied link is written against: formatTraceViewState leaves out what equals them.
import type { Trace } from "../trace";
import { chooseTraceViewDefaults } from "./chooseTraceViewDefaults";
import type { TraceViewDefaults, TraceViewState } from "./traceViewState";

/**
 * A link is opened later, and its reader's page takes its defaults from the trace as it is then,
 * not from the version this page first received (whose defaults this page keeps): a live server
 * create opened before its casts' work came in shows every span here, and would open on its
 * critical path for whoever follows a plain link once that work is in. So the link is written
 * against the defaults of the trace as it is now; while spans still arrive, what the reader's
 * version will decide is not known, and the link names "Critical path only" either way (defaults
 * that differ from what is shown).
 */
export function chooseLinkDefaults(
  trace: Trace,
  complete: boolean,
  live: boolean,
  shown: Pick<TraceViewState, "criticalOnly">,
): TraceViewDefaults {
  if (live) return { criticalOnly: !shown.criticalOnly };
  return chooseTraceViewDefaults(trace, complete);
}
