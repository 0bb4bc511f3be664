// One trace against its typical self: the median of recent traces of the same request
// signature, from the small per-trace sums kept at ingest (table trace_aggregate), per service,
// per call type and per normalized SQL statement. What grew, what is new or missing, and one
// sentence that says the most of it ("1.8 s slower than typical: +1.6 s in nova-compute driver;
// 240 more SELECT … FROM instance_extra").
import { callsOverlap } from "./callsOverlap";
import { describeSummedCalls, type CallSides } from "./describeSummedCalls";
import { shortenSql } from "./labelCall";
import { splitCallKey } from "./splitCallKey";
import { answeredWellBeforeEnd } from "./traceList";

export type TraceAggregate = { kind: "call" | "sql"; key: string; count: number; totalUs: number; maxUs: number };

export type ComparedTrace = {
  traceId: string;
  durationUs: number;
  /** When the API answered (TraceListItem.answeredUs); null until the root's stop arrived. */
  answeredUs: number | null;
  /** Spans whose call raised (trace.error_count). */
  errorCount: number;
  services: string[];
  aggregates: TraceAggregate[];
};

type AggregateComparison = {
  key: string;
  count: number;
  totalUs: number;
  /** Medians over the baseline, a trace without the key counting as 0. */
  typicalCount: number;
  typicalTotalUs: number;
  /** Share of the baseline traces that had the key (0..1). */
  typicalPresence: number;
  status: "new" | "missing" | "grew" | "same";
  /**
   * The calls ran side by side (parallel or nested: a dozen spawns at once), so totalUs adds up
   * to more than they took: callsOverlap against the trace's wall time, the only extent the sums
   * keep (a sum of overlapping calls below it is not seen). typicalOverlap: so in at least half
   * of the baseline, each against its own wall time.
   */
  overlap: boolean;
  typicalOverlap: boolean;
};

type ServiceComparison = {
  service: string;
  /** Time in the service's spans (nested spans of one service each count), this trace and typical. */
  totalUs: number;
  typicalTotalUs: number;
  typicalPresence: number;
  status: "added" | "missing" | "present";
  // No overlap mark: a service's spans nest (the API's request span holds the same
  // service's db spans), so their sum passes the wall time on almost every trace and the mark would say
  // nothing. Its union of extents is what would tell spans side by side from nested ones, and the
  // sums keep no extents.
};

export type TypicalComparison = {
  /** How many traces the typical values are medians of. */
  baselineCount: number;
  /** Every one of them raised an error (chooseBaseline keeps those only when no other exists). */
  baselineErrored: boolean;
  durationUs: number;
  typicalDurationUs: number;
  answeredUs: number | null;
  /** Median over the baseline traces whose root answered; null when none did. */
  typicalAnsweredUs: number | null;
  services: ServiceComparison[];
  /** Per "service<TAB>span name", biggest time change first. */
  calls: AggregateComparison[];
  /** Per normalized statement, biggest count change first. */
  statements: AggregateComparison[];
  summary: string;
};

/** A key counts as typical when at least this share of the baseline had it. */
const TYPICAL_PRESENCE = 0.5;

/**
 * The earlier traces worth calling typical: those whose calls raised no error, when there is one.
 * A request that failed (the demo's create that hit a deadlock) stops early or retries, so its
 * sums say little of how the request usually goes; when only such traces exist, they are kept and
 * the comparison says so (baselineErrored).
 */
export function chooseBaseline<T extends Pick<ComparedTrace, "errorCount">>(baseline: readonly T[]): T[] {
  const clean = baseline.filter((b) => b.errorCount === 0);
  return clean.length > 0 ? clean : [...baseline];
}

export function compareWithTypical(
  trace: ComparedTrace,
  baseline: readonly ComparedTrace[],
  formatUs: (us: number) => string,
): TypicalComparison {
  const n = baseline.length;
  const typicalDurationUs = median(baseline.map((b) => b.durationUs));
  const calls = compareKind(trace, baseline, "call").sort(
    (a, b) => Math.abs(b.totalUs - b.typicalTotalUs) - Math.abs(a.totalUs - a.typicalTotalUs) || cmp(a.key, b.key),
  );
  const statements = compareKind(trace, baseline, "sql").sort(
    (a, b) =>
      Math.abs(b.count - b.typicalCount) - Math.abs(a.count - a.typicalCount) ||
      Math.abs(b.totalUs - b.typicalTotalUs) - Math.abs(a.totalUs - a.typicalTotalUs) ||
      cmp(a.key, b.key),
  );

  const serviceNames = new Set([...trace.services, ...baseline.flatMap((b) => b.services)]);
  const serviceTime = (t: ComparedTrace, service: string) =>
    t.aggregates.reduce((sum, a) => (a.kind === "call" && splitCallKey(a.key).service === service ? sum + a.totalUs : sum), 0);
  const services: ServiceComparison[] = [...serviceNames].sort().map((service) => {
    const presence = n === 0 ? 0 : baseline.filter((b) => b.services.includes(service)).length / n;
    const here = trace.services.includes(service);
    return {
      service,
      totalUs: serviceTime(trace, service),
      typicalTotalUs: median(baseline.map((b) => serviceTime(b, service))),
      typicalPresence: presence,
      status: here && presence < TYPICAL_PRESENCE ? "added" : !here && presence >= TYPICAL_PRESENCE ? "missing" : "present",
    };
  });

  const answered = baseline.flatMap((b) => (b.answeredUs === null ? [] : [b.answeredUs]));
  const comparison = {
    baselineCount: n,
    baselineErrored: n > 0 && baseline.every((b) => b.errorCount > 0),
    durationUs: trace.durationUs,
    typicalDurationUs,
    answeredUs: trace.answeredUs,
    typicalAnsweredUs: answered.length > 0 ? median(answered) : null,
    services,
    calls,
    statements,
  };
  return { ...comparison, summary: summarize(comparison, formatUs) };
}

function compareKind(trace: ComparedTrace, baseline: readonly ComparedTrace[], kind: "call" | "sql"): AggregateComparison[] {
  const own = new Map(trace.aggregates.filter((a) => a.kind === kind).map((a) => [a.key, a]));
  const theirs = baseline.map((b) => new Map(b.aggregates.filter((a) => a.kind === kind).map((a) => [a.key, a])));
  const keys = new Set([...own.keys(), ...theirs.flatMap((m) => [...m.keys()])]);
  return [...keys].map((key) => {
    const mine = own.get(key);
    const count = mine?.count ?? 0;
    const totalUs = mine?.totalUs ?? 0;
    const typicalCount = median(theirs.map((m) => m.get(key)?.count ?? 0));
    const typicalTotalUs = median(theirs.map((m) => m.get(key)?.totalUs ?? 0));
    const typicalPresence = theirs.length === 0 ? 0 : theirs.filter((m) => m.has(key)).length / theirs.length;
    const overlap = callsOverlap(totalUs, trace.durationUs);
    const typicalOverlap = mostly(baseline, (b, i) => callsOverlap(theirs[i]!.get(key)?.totalUs ?? 0, b.durationUs));
    const status: AggregateComparison["status"] =
      mine && typicalPresence < TYPICAL_PRESENCE
        ? "new"
        : !mine && typicalPresence >= TYPICAL_PRESENCE
          ? "missing"
          : count >= 2 * typicalCount && count - typicalCount >= 3
            ? "grew"
            : "same";
    return { key, count, totalUs, typicalCount, typicalTotalUs, typicalPresence, status, overlap, typicalOverlap };
  });
}

function summarize(c: Omit<TypicalComparison, "summary">, formatUs: (us: number) => string): string {
  if (c.baselineCount === 0) return "No earlier trace of this request to compare with.";
  const delta = c.durationUs - c.typicalDurationUs;
  const near = Math.abs(delta) < Math.max(0.05 * c.typicalDurationUs, 1000);
  // One earlier trace is no "typical": the sentence says what it is measured against, so a first
  // trace of another shape (an imported one, another cloud's) does not read as a verdict.
  const single = c.baselineCount === 1;
  const against = single ? "the one earlier trace of this request" : "typical";
  const errored = c.baselineErrored ? (single ? ", it raised an error" : ", each raised an error") : "";
  const head = near
    ? `About as fast as ${against} (${formatUs(c.durationUs)}, ${single ? "it took" : "typical"} ${formatUs(c.typicalDurationUs)}${errored})`
    : `${formatUs(Math.abs(delta))} ${delta > 0 ? "slower" : "faster"} than ${against} (${formatUs(c.typicalDurationUs)}${errored})`;
  const reasons: string[] = [];
  // An asynchronous request (server create) is compared by its duration, its casts' work; when
  // the API answered is what its caller waited, and it can change alone.
  if (answeredWellBeforeEnd(c.answeredUs, c.durationUs) && c.typicalAnsweredUs !== null) {
    const d = c.answeredUs - c.typicalAnsweredUs;
    if (Math.abs(d) >= Math.max(0.25 * c.typicalAnsweredUs, 1000))
      reasons.push(`the API answered in ${formatUs(c.answeredUs)} (${single ? "there" : "typical"} ${formatUs(c.typicalAnsweredUs)})`);
  }
  if (!near) {
    // Call types nest (a request's span holds its callees'), so the whole change shows at every
    // level; the most specific one that still carries most of it is the one worth naming.
    const sign = Math.sign(delta);
    const changed = c.calls.filter((a) => sign * (a.totalUs - a.typicalTotalUs) > 0);
    const largest = Math.max(0, ...changed.map((a) => sign * (a.totalUs - a.typicalTotalUs)));
    const culprit = changed
      .filter((a) => sign * (a.totalUs - a.typicalTotalUs) >= 0.5 * largest)
      .sort((a, b) => a.totalUs + a.typicalTotalUs - (b.totalUs + b.typicalTotalUs))[0];
    if (culprit && largest >= 0.25 * Math.abs(delta)) {
      const d = culprit.totalUs - culprit.typicalTotalUs;
      // Summed over calls that ran side by side, the figure can pass the wall time (+51 s of a
      // dozen parallel spawns in a 10.6 s boot): the sentence says so, as the compare page's does.
      const summed =
        culprit.overlap || culprit.typicalOverlap
          ? describeSummedCalls(
              {
                calls: culprit.count,
                otherCalls: roundCount(culprit.typicalCount),
                overlap: culprit.overlap,
                otherOverlap: culprit.typicalOverlap,
              },
              single ? ONE_EARLIER_SIDES : TYPICAL_SIDES,
            )
          : "";
      reasons.push(`${d > 0 ? "+" : "-"}${formatUs(Math.abs(d))} in ${culprit.key.replace("\t", " ")}${summed}`);
    }
  }
  const grew = c.statements.find((s) => s.status === "grew" || s.status === "new");
  if (grew) {
    const more = Math.round(grew.count - grew.typicalCount);
    reasons.push(grew.status === "new" ? `new ${shortenSql(grew.key)} (${grew.count}×)` : `${more} more ${shortenSql(grew.key)}`);
  }
  const missing = c.services.filter((s) => s.status === "missing").map((s) => s.service);
  if (missing.length > 0) reasons.push(`no spans from ${missing.join(", ")}`);
  const added = c.services.filter((s) => s.status === "added").map((s) => s.service);
  if (added.length > 0) reasons.push(`spans from ${added.join(", ")}, unusual here`);
  return reasons.length > 0 ? `${head}: ${reasons.join("; ")}.` : `${head}.`;
}

const TYPICAL_SIDES: CallSides = { here: "here", there: "typically", theirs: "typically", onlyThere: "none here" };
const ONE_EARLIER_SIDES: CallSides = { here: "here", there: "there", theirs: "there", onlyThere: "none here" };

/** A median count (11.5 of an even baseline) as words say it. */
function roundCount(n: number): number {
  return Math.round(n * 10) / 10;
}

/** At least TYPICAL_PRESENCE of the baseline traces. */
function mostly(baseline: readonly ComparedTrace[], test: (b: ComparedTrace, i: number) => boolean): boolean {
  return baseline.length > 0 && baseline.filter(test).length >= TYPICAL_PRESENCE * baseline.length;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
