// The trace list: newest, slowest or slowest answer first, one row per trace, from the per-trace
// summaries.
import { TraceLink } from "@/components/ui/TraceLink";
import type { TraceListItem } from "@/lib/trace/traceList";
import { clipText } from "@/lib/ui/clipText";
import { createDurationScale, describeAnswer, describeRootRequest } from "@/lib/ui/describeTraceListItem";

/**
 * A root request's path is wire text of up to 64K characters (OSTRACE_MAX_STRING_CHARS), and each
 * row carried it four times (text, title, and both again in the page's payload): a cell shows
 * what it can (clipText), its title a few lines more.
 */
const TITLE_MAX = 2000;
import { formatDurationUs } from "@/lib/ui/formatDuration";
import { formatRelativeTime, formatUtcTimestamp, formatUtcTimestampToSeconds } from "@/lib/ui/formatTime";
import { CompareCheckbox, ComparePicker } from "./ComparePicker";

export function TraceListTable({ traces, nowUs }: { traces: TraceListItem[]; nowUs: number }) {
  const barOf = createDurationScale(traces.map((t) => t.durationUs));
  return (
    <ComparePicker>
      <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-sm" data-testid="trace-list">
          <thead className="bg-zinc-50 text-left text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
            <tr className="[&_th]:px-3 [&_th]:py-2 [&_th]:font-medium">
              <th scope="col" className="w-10">
                <span className="sr-only">Compare</span>
              </th>
              <th scope="col">When</th>
              <th scope="col">Root request</th>
              <th scope="col" className="w-48">
                Duration
              </th>
              <th scope="col" className="text-right">
                Spans
              </th>
              <th scope="col">Projects / services</th>
              <th scope="col">Errors</th>
            </tr>
          </thead>
          <tbody>
            {traces.map((t) => (
              <tr
                key={t.traceId}
                className="border-t border-zinc-100 align-top hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900/60 [&_td]:px-3 [&_td]:py-2"
                data-trace-id={t.traceId}
              >
                <td>
                  <CompareCheckbox traceId={t.traceId} />
                </td>
                <td className="whitespace-nowrap">
                  <span title={formatUtcTimestamp(t.startUs)}>{formatRelativeTime(t.startUs, nowUs)}</span>
                  <div className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{formatUtcTimestampToSeconds(t.startUs)}</div>
                </td>
                <td className="max-w-[32rem]">
                  {/* Below 1280 px it wraps anywhere (two lines at most): a nowrap path as long as
                      heat's POST /v1/<tenant id>/stacks widened this column until the errors column
                      left a 1024-px screen. Wider, one line fits, and wrapping would split off a
                      lone character where the services' chips ask for room. */}
                  <TraceLink
                    traceId={t.traceId}
                    className="line-clamp-2 break-all font-mono text-sky-800 hover:underline xl:block xl:truncate dark:text-sky-300"
                    title={clipText(describeRootRequest(t), TITLE_MAX)}
                  >
                    {clipText(describeRootRequest(t))}
                  </TraceLink>
                  {t.rootRequests > 1 && (
                    <span
                      className="text-xs text-zinc-500"
                      title="top-level HTTP requests in this trace: the one that changes something names it"
                    >
                      1 of {t.rootRequests} requests ·{" "}
                    </span>
                  )}
                  <div className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{t.traceId}</div>
                </td>
                <DurationCell item={t} barOf={barOf} />
                <td className="text-right tabular-nums">{t.spanCount.toLocaleString("en")}</td>
                <td>
                  <p
                    className="mb-0.5 max-w-[28rem] truncate text-xs text-zinc-500 dark:text-zinc-400"
                    aria-label="Projects"
                    title={clipText(t.projects.join(", "), TITLE_MAX)}
                  >
                    {clipText(t.projects.join(" · "))}
                  </p>
                  <ul className="flex max-w-[28rem] flex-wrap gap-1" aria-label="Services">
                    {t.services.slice(0, 8).map((s) => (
                      <li key={s} className="rounded bg-zinc-100 px-1.5 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                        {s}
                      </li>
                    ))}
                    {t.services.length > 8 && <li className="text-xs text-zinc-500">+{t.services.length - 8}</li>}
                  </ul>
                </td>
                <td className="whitespace-nowrap text-xs">
                  {t.errorCount > 0 && (
                    <span className="rounded bg-red-600 px-1.5 py-0.5 font-semibold text-white" title="spans that raised">
                      {t.errorCount} error{t.errorCount === 1 ? "" : "s"}
                    </span>
                  )}
                  {t.unfinishedCount > 0 && (
                    <span
                      className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
                      title="spans whose stop has not arrived"
                    >
                      {t.unfinishedCount} unfinished
                    </span>
                  )}
                  {t.truncated !== null && (
                    <span
                      className="ml-1 rounded bg-orange-600 px-1.5 py-0.5 font-semibold text-white"
                      data-testid="truncated-badge"
                      title={`${t.droppedSpans.toLocaleString("en")} spans not stored: the trace reached its ${t.truncated === "spans" ? "span" : "size"} cap`}
                    >
                      truncated
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ComparePicker>
  );
}

/**
 * How long the whole request took, and, when the API answered well before that (an asynchronous
 * request's casts worked on), when it answered: as a line and as the bar's darker part.
 */
function DurationCell({ item, barOf }: { item: TraceListItem; barOf: (us: number) => number }) {
  const answer = describeAnswer(item);
  return (
    <td>
      <div className="tabular-nums">{formatDurationUs(item.durationUs)}</div>
      {answer !== null && (
        <div
          className="text-xs tabular-nums text-zinc-500 dark:text-zinc-400"
          title="the root request's own duration: the API answered then, and the work it started (or the trace's other requests) went on"
          data-testid="answered"
        >
          {answer}
        </div>
      )}
      <div className="relative mt-1 h-1.5 w-full rounded bg-zinc-100 dark:bg-zinc-800" aria-hidden>
        <div
          className={`h-1.5 rounded ${answer === null ? "bg-sky-500" : "bg-sky-300 dark:bg-sky-700"}`}
          style={{ width: `${barOf(item.durationUs) * 100}%` }}
        />
        {answer !== null && (
          <div className="absolute left-0 top-0 h-1.5 rounded bg-sky-500" style={{ width: `${barOf(item.answeredUs!) * 100}%` }} />
        )}
      </div>
    </td>
  );
}
