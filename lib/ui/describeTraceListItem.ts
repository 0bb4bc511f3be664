// How a trace list row reads: the root request ("POST /v2.1/servers"), or the root span's name
// when the root is not a WSGI request, when the API answered if that was well before the trace
// ended, and a duration bar scaled to the page's slowest trace.
import { scaleLinear } from "d3";
import { answeredWellBeforeEnd, type TraceListItem } from "../trace/traceList";
import { clipText } from "./clipText";
import { formatDurationUs } from "./formatDuration";

/** "answered in 33.1 ms" when the root request answered well before the trace ended, else null. */
export function describeAnswer(item: Pick<TraceListItem, "answeredUs" | "durationUs">): string | null {
  return answeredWellBeforeEnd(item.answeredUs, item.durationUs) ? `answered in ${formatDurationUs(item.answeredUs)}` : null;
}

export function describeRootRequest(item: Pick<TraceListItem, "rootMethod" | "rootPath" | "rootName">): string {
  if (item.rootMethod && item.rootPath) return `${item.rootMethod} ${item.rootPath}`;
  if (item.rootPath) return item.rootPath;
  return item.rootName ?? "(root span not received yet)";
}

/**
 * What two compared traces are, by the list's name for each (the compare page's title and
 * heading): the one request when both are the same, else both; each clipped as a row clips it.
 */
export function describeComparedRequests(
  a: Pick<TraceListItem, "rootMethod" | "rootPath" | "rootName">,
  b: Pick<TraceListItem, "rootMethod" | "rootPath" | "rootName">,
): string {
  const [aName, bName] = [clipText(describeRootRequest(a)), clipText(describeRootRequest(b))];
  return aName === bName ? aName : `${aName} and ${bName}`;
}

/** Fraction of the bar for each duration: linear from 0 to the longest (at least a sliver for non-zero ones). */
export function createDurationScale(durationsUs: readonly number[]): (us: number) => number {
  const longest = Math.max(0, ...durationsUs);
  const scale = scaleLinear()
    .domain([0, longest > 0 ? longest : 1])
    .range([0, 1])
    .clamp(true);
  return (us) => (us > 0 ? Math.max(0.01, scale(us)) : 0);
}
