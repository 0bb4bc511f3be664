// What a comparison comes to, for the sentence above the aligned timeline: how much longer B
// took than A, end to end, and the kinds of call (service plus labelCall's words) that account
// for it. Time is counted as self time (computeSelfTimes), so a parent is not blamed for its
// children's time and nothing is counted twice; call counts show loops that grew or shrank.
import { SAME_WITHIN_US, type TraceAlignment } from "./alignTraces";
import { callsOverlap } from "./callsOverlap";
import { computeSelfTimes } from "./computeSelfTimes";
import { createTraceView } from "./createTraceView";
import { labelCall, labelService } from "./labelCall";
import { summarizeTrace } from "./summarizeTrace";
import { answeredWellBeforeEnd } from "./traceList";

export type CallChange = {
  service: string;
  label: string;
  aSelfUs: number;
  bSelfUs: number;
  deltaUs: number;
  aCalls: number;
  bCalls: number;
  /**
   * The side's calls ran side by side: their self times add up to more than the time any of them
   * was running (the union of their extents), so the sum can exceed the trace's own duration.
   */
  aOverlap: boolean;
  bOverlap: boolean;
};

export type AlignmentSummary = {
  /** End to end (first timestamp to last, async work included). */
  aUs: number;
  bUs: number;
  deltaUs: number;
  /** Spans by the class of their row (a group's members each count). */
  spans: Record<"same" | "faster" | "slower" | "missing" | "new", number>;
  /** Kinds of call whose self time moved the most in the direction of deltaUs (up to MAX_CHANGES, each at least SAME_WITHIN_US). */
  timeChanges: CallChange[];
  /** Kinds of call made a different number of times, the largest difference first (up to MAX_CHANGES). */
  countChanges: CallChange[];
  /**
   * When each trace's API answered (its root request's own duration), for asynchronous requests:
   * set when either trace's root answered well before its work ended (server create), null otherwise.
   */
  answered: { aUs: number; bUs: number } | null;
};

const MAX_CHANGES = 3;
const CLASS_KEYS = ["same", "faster", "slower", "missing", "new"] as const;

export function summarizeAlignment(al: TraceAlignment): AlignmentSummary {
  const { a, b, merged } = al;
  const viewA = createTraceView(a),
    viewB = createTraceView(b);
  const byKey = new Map<string, CallChange>();
  const extents = new Map<CallChange, { a: number[]; b: number[] }>();
  const keyOfStrings = new Map<string, CallChange>();
  const selfA = computeSelfTimes(viewA),
    selfB = computeSelfTimes(viewB);
  const spans = { same: 0, faster: 0, slower: 0, missing: 0, new: 0 };
  for (let r = 0; r < al.size; r++) {
    if (al.group[r]) continue; // its members are rows of their own
    spans[CLASS_KEYS[al.ownClass[r]!]!]++;
    const raw = `${merged.service[r]} ${merged.name[r]} ${merged.detail[r]}`;
    let change = keyOfStrings.get(raw);
    if (!change) {
      const service = labelService(merged.strings[merged.project[r]!]!, merged.strings[merged.service[r]!]!);
      const label = labelCall(merged, r);
      const key = `${service}\u0000${label}`;
      change = byKey.get(key);
      if (!change) {
        change = { service, label, aSelfUs: 0, bSelfUs: 0, deltaUs: 0, aCalls: 0, bCalls: 0, aOverlap: false, bOverlap: false };
        byKey.set(key, change);
        extents.set(change, { a: [], b: [] });
      }
      keyOfStrings.set(raw, change);
    }
    if (al.aSpan[r]! >= 0) {
      change.aCalls++;
      change.aSelfUs += selfA[al.aSpan[r]!]!;
      const i = viewA.order[al.aSpan[r]!]!;
      extents.get(change)!.a.push(a.startUs[i]!, a.stopUs[i]!);
    }
    if (al.bSpan[r]! >= 0) {
      change.bCalls++;
      change.bSelfUs += selfB[al.bSpan[r]!]!;
      const i = viewB.order[al.bSpan[r]!]!;
      extents.get(change)!.b.push(b.startUs[i]!, b.stopUs[i]!);
    }
  }
  const all = [...byKey.values()];
  for (const c of all) c.deltaUs = c.bSelfUs - c.aSelfUs;
  const aUs = a.finishedUs - a.startedUs,
    bUs = b.finishedUs - b.startedUs;
  const direction = bUs >= aUs ? 1 : -1;
  const timeChanges = all
    .filter((c) => c.deltaUs * direction >= SAME_WITHIN_US)
    .sort((x, y) => (y.deltaUs - x.deltaUs) * direction)
    .slice(0, MAX_CHANGES);
  for (const c of timeChanges) {
    const { a: ea, b: eb } = extents.get(c)!;
    c.aOverlap = callsOverlap(c.aSelfUs, unionUs(ea));
    c.bOverlap = callsOverlap(c.bSelfUs, unionUs(eb));
  }
  const countChanges = all
    .filter((c) => c.aCalls !== c.bCalls)
    .sort((x, y) => Math.abs(y.bCalls - y.aCalls) - Math.abs(x.bCalls - x.aCalls))
    .slice(0, MAX_CHANGES);
  const answeredA = summarizeTrace(a).answeredUs,
    answeredB = summarizeTrace(b).answeredUs;
  const answered =
    answeredA !== null && answeredB !== null && (answeredWellBeforeEnd(answeredA, aUs) || answeredWellBeforeEnd(answeredB, bUs))
      ? { aUs: answeredA, bUs: answeredB }
      : null;
  return { aUs, bUs, deltaUs: bUs - aUs, spans, timeChanges, countChanges, answered };
}

/** The time covered by any of the extents (start, stop pairs). */
function unionUs(pairs: number[]): number {
  const order = Array.from({ length: pairs.length / 2 }, (_, k) => k).sort((x, y) => pairs[2 * x]! - pairs[2 * y]!);
  let covered = 0,
    reach = -Infinity;
  for (const k of order) {
    const from = Math.max(reach, pairs[2 * k]!),
      to = pairs[2 * k + 1]!;
    if (to > from) {
      covered += to - from;
      reach = to;
    }
  }
  return covered;
}
