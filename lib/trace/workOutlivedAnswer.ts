// OpenStack's important requests answer at once and do their work afterwards: a server create's
// API answers in 30-80 ms while the casts it made run for seconds. For such a trace the API's own
// statements fill the first screen of the tree with bars at 0 on a seconds-long axis, and the
// answer to "where did the time go" lies below them; the trace page opens those on the critical
// path instead (lib/ui/chooseTraceViewDefaults.ts).
import type { TraceSummary } from "./summarizeTrace";

/** Less than this after the answer is not worth changing the page's first view for. */
export const MIN_WORK_AFTER_ANSWER_US = 100_000;

/**
 * The work the root started went on after it answered for at least as long again as the answer
 * took (most of the request's time came after the answer), and for at least
 * MIN_WORK_AFTER_ANSWER_US. False without a root, or while it has not answered.
 */
export function workOutlivedAnswer(summary: Pick<TraceSummary, "answeredUs" | "workUs">): boolean {
  const { answeredUs, workUs } = summary;
  if (answeredUs === null || workUs === null) return false;
  const afterUs = workUs - answeredUs;
  return afterUs >= MIN_WORK_AFTER_ANSWER_US && afterUs >= answeredUs;
}
