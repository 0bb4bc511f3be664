// What a call's summed time is summed over, in the words both comparison sentences use ("+44.4 s
// in nova-compute LibvirtDriver.spawn (summed over 11 calls that overlap, against 1)"): calls
// that ran side by side add up to more than the time they took, and without saying so the figure
// reads as wall time.

export type SummedCalls = {
  /** Calls on the side the sentence is about (B; this trace) and on the other (A; typical). */
  calls: number;
  otherCalls: number;
  /** callsOverlap of each side's sum. */
  overlap: boolean;
  otherOverlap: boolean;
};

/** How the sentence names its two sides. */
export type CallSides = {
  /** "in B", "here". */
  here: string;
  /** "in A", "typical". */
  there: string;
  /** Before "summed over" when only the other side's calls overlap: "A's", "typically". */
  theirs: string;
  /** When only the other side made the calls: "only in A"; "none here" (not "only typically"). */
  onlyThere: string;
};

const COMPARED_SIDES: CallSides = { here: "in B", there: "in A", theirs: "A's", onlyThere: "only in A" };

/** " (summed over 11 calls that overlap, against 1)", or "" when there is nothing to say. */
export function describeSummedCalls(c: SummedCalls, sides: CallSides = COMPARED_SIDES): string {
  const calls = (n: number) => `${n} call${n === 1 ? "" : "s"}`;
  if (c.overlap && c.otherOverlap) return ` (summed over calls that overlap: ${c.calls} ${sides.here}, ${c.otherCalls} ${sides.there})`;
  if (c.overlap)
    return ` (summed over ${calls(c.calls)} that overlap${c.otherCalls === c.calls ? "" : c.otherCalls === 0 ? `, only ${sides.here}` : `, against ${c.otherCalls}`})`;
  if (c.otherOverlap)
    return ` (${sides.theirs} summed over ${calls(c.otherCalls)} that overlap${c.otherCalls === c.calls ? "" : c.calls === 0 ? `, ${sides.onlyThere}` : `, against ${c.calls}`})`;
  if (c.otherCalls === c.calls) return "";
  if (c.otherCalls === 0) return ` (only ${sides.here})`;
  if (c.calls === 0) return ` (${sides.onlyThere})`;
  return ` (${calls(c.calls)} against ${c.otherCalls})`;
}
