// The sentence above two traces side by side: "B is 1.8 s slower than A (4.1 s against
// 2.3 s): +1.6 s in nova-compute LibvirtDriver.spawn; 237 more SELECT … FROM instance_extra".
import type { AlignmentSummary, CallChange } from "../trace";
import { describeSummedCalls } from "../trace/describeSummedCalls";
import { clipText } from "./clipText";
import { formatDurationUs } from "./formatDuration";

/** Within this much, two traces "took about as long". */
const SAME_DURATION_US = 1000;

export function describeComparison(s: AlignmentSummary): string {
  const totals = `${formatDurationUs(s.bUs)} against ${formatDurationUs(s.aUs)}`;
  const head =
    Math.abs(s.deltaUs) < SAME_DURATION_US
      ? `B took about as long as A (${totals})`
      : `B is ${formatDurationUs(Math.abs(s.deltaUs))} ${s.deltaUs > 0 ? "slower" : "faster"} than A (${totals})`;
  // An asynchronous request's caller waited only for the API's answer, which can change on its own;
  // named when it moved by a fifth and 10 ms or more: a few ms on a 30 ms answer is noise.
  const answer =
    s.answered && Math.abs(s.answered.bUs - s.answered.aUs) >= Math.max(0.2 * s.answered.aUs, 10_000)
      ? `B's API answered in ${formatDurationUs(s.answered.bUs)} (A: ${formatDurationUs(s.answered.aUs)})`
      : "";
  const parts = [answer, s.timeChanges.map(describeTime).join(", "), s.countChanges.map(describeCount).join(", ")].filter(Boolean);
  return parts.length === 0 ? `${head}; the same calls, in about the same time.` : `${head}: ${parts.join("; ")}.`;
}

/**
 * Self time summed over the calls. Calls that ran side by side add up to more than the time they
 * took (44 s of spawns in a 10.6 s trace): the sentence says so, or the figure reads as wall time.
 */
function describeTime(c: CallChange): string {
  return `${signed(c.deltaUs)} in ${c.service} ${clipText(c.label)}${describeCalls(c)}`;
}

function describeCalls(c: CallChange): string {
  return describeSummedCalls({ calls: c.bCalls, otherCalls: c.aCalls, overlap: c.bOverlap, otherOverlap: c.aOverlap });
}

function signed(us: number): string {
  return `${us >= 0 ? "+" : "-"}${formatDurationUs(Math.abs(us))}`;
}

/** A call's words are wire text (a function name or path of up to 64K characters): clipped as a row clips them. */
function describeCount(c: CallChange): string {
  const d = c.bCalls - c.aCalls;
  const label = clipText(c.label);
  if (c.aCalls === 0) return `${c.bCalls} new ${label} (${c.service})`;
  if (c.bCalls === 0) return `no ${label} (${c.service}; ${c.aCalls} in A)`;
  return `${Math.abs(d)} ${d > 0 ? "more" : "fewer"} ${label} (${c.service}: ${c.bCalls} against ${c.aCalls})`;
}
