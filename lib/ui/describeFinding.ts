// The words for lib/trace's findings ("why was this slow?"): one sentence each, with the
// figures people compare first (shares of the end-to-end time, ranges of durations).
import { labelCall, labelService, shortenSql, type CallGroup, type Trace, type TraceFinding } from "../trace";
import { clipText } from "./clipText";
import { formatDurationUs } from "./formatDuration";
import { formatCount } from "./formatCount";

// Texts from the wire (a function name or request path of up to 64K characters, an exception type
// of any size) are clipped as a row clips them: a sentence stays a sentence.

export function describeFinding(trace: Trace, finding: TraceFinding): string {
  const wallUs = trace.finishedUs - trace.startedUs;
  const percent = (share: number) => (share > 0 && share < 0.01 ? "<1%" : `${Math.round(share * 100)}%`);
  const span = (i: number) => `${clipText(labelCall(trace, i))} (${serviceOf(trace, i)})`;
  switch (finding.kind) {
    case "answer":
      return finding.workUnfinished
        ? `${serviceOf(trace, finding.root)} answered in ${formatDurationUs(finding.answeredUs)}; the work it started went on for at least ${formatDurationUs(finding.workUs)}: part of it never finished (still running, or its end was lost).`
        : `${serviceOf(trace, finding.root)} answered in ${formatDurationUs(finding.answeredUs)}; the work it started went on for ${formatDurationUs(finding.workUs)}.`;
    case "service":
      return `${percent(finding.share)} of the ${formatDurationUs(wallUs)} is ${labelService(finding.project, finding.service)}: ${finding.calls.map(describeCalls).join(" and ")}.`;
    case "untraced": {
      const { longest } = finding;
      const where =
        longest.before >= 0 && longest.after >= 0
          ? ` between ${span(longest.before)} and ${span(longest.after)}`
          : longest.before >= 0
            ? ` after ${span(longest.before)}`
            : "";
      const others = finding.count > 1 ? ` (longest of ${finding.count}: ${formatDurationUs(longest.toUs - longest.fromUs)})` : "";
      return `${percent(finding.share)} (${formatDurationUs(finding.totalUs)}) is waiting on something not traced${others}${where}: a queue, a thread pool or code without a tracepoint.`;
    }
    case "sql": {
      const head = `SQL: ${formatCount(finding.count)} statement${finding.count === 1 ? "" : "s"}, ${formatDurationUs(finding.totalUs)} in all, ${percent(finding.share)} of the end-to-end time`;
      if (!finding.nPlusOne) return `${head}.`;
      const caller = finding.nPlusOne.parent >= 0 ? ` under ${span(finding.nPlusOne.parent)}` : "";
      return `${head}; N+1: ${shortenSql(finding.nPlusOne.statement)} ${finding.nPlusOne.count} times${caller}.`;
    }
    case "errors": {
      const type = trace.errorType[finding.first]! >= 0 ? clipText(trace.strings[trace.errorType[finding.first]!]!) : "an error";
      const more = finding.count > 1 ? ` (and ${finding.count - 1} more)` : "";
      return `${span(finding.first)} raised ${type}${more}.`;
    }
    case "unfinished": {
      const at = formatDurationUs(trace.startUs[finding.lastStarted]! - trace.startedUs);
      return `${formatCount(finding.count)} span${finding.count === 1 ? "" : "s"} never finished; the last span to start was ${span(finding.lastStarted)} at +${at}: where a hung request stopped.`;
    }
  }
}

function describeCalls(group: CallGroup): string {
  const range =
    group.minUs === group.maxUs ? formatDurationUs(group.maxUs) : `${formatDurationUs(group.minUs)}–${formatDurationUs(group.maxUs)}`;
  const label = clipText(group.label);
  // The share counts a call's time on the path, not what it waited on in another service (spawn's
  // image download in glance): "(10.6 s)" beside 56% of 10.7 s read as a contradiction. So too for
  // calls that overlap: a dozen parallel spawns, or a Heat stack's nested create_stack chain, whose
  // "32 × create_stack (9.05 ms–379 ms)" read as seconds inside a 433 ms request.
  const onPath = group.criticalUs < 0.9 * group.maxUs ? formatDurationUs(group.criticalUs) : null;
  if (group.count > 1)
    return onPath ? `${group.count} × ${label} (${onPath} of the path; ${range} each)` : `${group.count} × ${label} (${range})`;
  return onPath ? `${label} (${onPath} of its ${range})` : `${label} (${range})`;
}

function serviceOf(trace: Trace, i: number): string {
  return labelService(trace.strings[trace.project[i]!]!, trace.strings[trace.service[i]!]!);
}
