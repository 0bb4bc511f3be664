// What each mounted timeline row draws besides its own bar: the critical path's pieces in it (its
// own, or a collapsed row's whole subtree), and what a collapsed row or a fold of "critical path
// only" hides (its extent, its span count, its errors, where the path enters and leaves it).
// Strings and numbers only, so memoized rows whose values stay skip rendering.
import {
  measurePathWithin,
  readFoldSpans,
  summarizeSubtree,
  type CriticalPath,
  type TimeAxis,
  type TimelineRows,
  type Trace,
} from "../trace";
import { criticalStripe, placeInterval } from "./criticalStripe";

/** What a mounted row draws besides its own bar, by the kind of row it is. */
type RowOverlay = SpanRowOverlay | FoldRowOverlay;

type SharedOverlay = {
  stripe: string | null;
  /** A collapsed row's subtree, or a fold's stretch of the path; NaN when there is none. */
  subtreeStart: number;
  subtreeWidth: number;
  hiddenSpans: number;
};

type SpanRowOverlay = SharedOverlay & {
  kind: "span";
  hiddenErrors: number;
};

type FoldRowOverlay = SharedOverlay & {
  kind: "fold";
  /** Where the path enters and leaves the fold's spans, µs after the trace's start (NaN off the path). */
  pathFromUs: number;
  pathToUs: number;
};

/** The overlays of rows first .. end - 1, in order; no stripe without a path. */
export function placeRowOverlays(
  trace: Trace,
  rows: TimelineRows,
  first: number,
  end: number,
  axis: TimeAxis,
  criticalPath: CriticalPath | null | undefined,
): RowOverlay[] {
  const out: RowOverlay[] = [];
  for (let r = first; r < end; r++) {
    const v = rows.rows[r]!;
    const i = rows.view.order[v]!;
    const isCollapsed = rows.collapsed[v] === 1;
    const fold = rows.folded?.[v] ? readFoldSpans(rows.view, rows.folds!, v) : null;
    const subtreeEnd = fold ? fold.end : isCollapsed ? trace.subtreeEnd[i]! : i + 1;
    const stripe = criticalPath
      ? criticalStripe(criticalPath, criticalPath.firstSegment[i]!, criticalPath.firstSegment[subtreeEnd]!, axis)
      : null;
    if (fold) {
      // What the fold's spans carry on the path, from where it enters them to where it leaves:
      // not their subtrees' extent, which a cast's async work stretches over seconds.
      const on = criticalPath ? measurePathWithin(criticalPath, fold.first, fold.end) : null;
      const place = on ? placeInterval(axis, on.fromUs, on.toUs) : { start: NaN, width: NaN };
      out.push({
        kind: "fold",
        stripe,
        subtreeStart: place.start,
        subtreeWidth: place.width,
        hiddenSpans: rows.folds!.end[v]! - v,
        pathFromUs: on ? on.fromUs - trace.startedUs : NaN,
        pathToUs: on ? on.toUs - trace.startedUs : NaN,
      });
      continue;
    }
    if (!isCollapsed) {
      out.push({ kind: "span", stripe, subtreeStart: NaN, subtreeWidth: NaN, hiddenSpans: 0, hiddenErrors: 0 });
      continue;
    }
    const sub = summarizeSubtree(rows.view, v);
    const place = placeInterval(axis, sub.startUs, sub.stopUs);
    out.push({
      kind: "span",
      stripe,
      subtreeStart: place.start,
      subtreeWidth: place.width,
      hiddenSpans: sub.hiddenSpans,
      hiddenErrors: sub.errors,
    });
  }
  return out;
}
