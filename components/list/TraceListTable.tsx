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

/**
 * The columns a narrow screen folds under the request, so the request and its duration stay on
 * screen without scrolling sideways: below 1024 px the spans and services (the row's summary line),
 * below 768 px the time and the flags too. A folded column is display:none, out of the
 * accessibility tree as well, so each figure is read once.
 */
const FROM_MD = "hidden md:table-cell";
const FROM_LG = "hidden lg:table-cell";

export function TraceListTable({ traces, nowUs }: { traces: TraceListItem[]; nowUs: number }) {
  const barOf = createDurationScale(traces.map((t) => t.durationUs));
  return (
    <ComparePicker>
      <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-sm" data-testid="trace-list">
          <thead className="bg-zinc-50 text-left text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
            <tr className="[&_th]:px-2 [&_th]:py-2 [&_th]:font-medium sm:[&_th]:px-3">
              <th scope="col" className="w-10">
                <span className="sr-only">Compare</span>
              </th>
              <th scope="col" className={FROM_MD}>
                When
              </th>
              <th scope="col">Root request</th>
              <th scope="col" className="lg:w-48">
                Duration
              </th>
              <th scope="col" className={`${FROM_LG} text-right`}>
                Spans
              </th>
              <th scope="col" className={FROM_LG}>
                Projects / services
              </th>
              <th scope="col" className={FROM_MD}>
                Errors
              </th>
            </tr>
          </thead>
          <tbody>
            {traces.map((t) => (
              <tr
                key={t.traceId}
                className="border-t border-zinc-100 align-top hover:bg-zinc-50 dark:border-zinc-800 dark:hover:bg-zinc-900/60 [&_td]:px-2 [&_td]:py-2 sm:[&_td]:px-3"
                data-trace-id={t.traceId}
              >
                <td>
                  <CompareCheckbox traceId={t.traceId} />
                </td>
                <td className={`${FROM_MD} whitespace-nowrap`}>
                  <span title={formatUtcTimestamp(t.startUs)}>{formatRelativeTime(t.startUs, nowUs)}</span>
                  <div className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{formatUtcTimestampToSeconds(t.startUs)}</div>
                </td>
                {/* Below 1024 px the request takes what the other columns leave (max-width 0: else the
                    longest line under it, which is clipped, set the column's width, and the row scrolled). */}
                <td className="w-full max-w-0 lg:w-auto lg:max-w-[32rem]">
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
                  {/* The folded columns' figures, under the request where the row has no room for their columns. */}
                  <p className="truncate text-xs text-zinc-500 lg:hidden dark:text-zinc-400" data-testid="row-summary">
                    <span className="md:hidden" title={formatUtcTimestamp(t.startUs)}>
                      {formatRelativeTime(t.startUs, nowUs)} ·{" "}
                    </span>
                    {t.spanCount.toLocaleString("en")} spans
                    {t.services.length > 0 && ` · ${clipText(t.services.join(", "))}`}
                  </p>
                  {hasFlags(t) && (
                    <div className="mt-0.5 md:hidden">
                      <TraceFlags item={t} />
                    </div>
                  )}
                </td>
                <DurationCell item={t} barOf={barOf} />
                <td className={`${FROM_LG} text-right tabular-nums`}>{t.spanCount.toLocaleString("en")}</td>
                <td className={FROM_LG}>
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
                <td className={`${FROM_MD} whitespace-nowrap`}>
                  <TraceFlags item={t} testIds />
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
          // One line: below 1024 px the column is as wide as this line (the request takes the rest).
          className="whitespace-nowrap text-xs tabular-nums text-zinc-500 dark:text-zinc-400"
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

/** Errors, unfinished spans and a cap reached: a column of their own, or under the request on a phone. */
function TraceFlags({ item, testIds = false }: { item: TraceListItem; testIds?: boolean }) {
  return (
    <span className="text-xs">
      {item.errorCount > 0 && (
        <span className="rounded bg-red-600 px-1.5 py-0.5 font-semibold text-white" title="spans that raised">
          {item.errorCount} error{item.errorCount === 1 ? "" : "s"}
        </span>
      )}
      {item.unfinishedCount > 0 && (
        <span
          className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"
          title="spans whose stop has not arrived"
        >
          {item.unfinishedCount} unfinished
        </span>
      )}
      {item.truncated !== null && (
        <span
          className="ml-1 rounded bg-orange-600 px-1.5 py-0.5 font-semibold text-white"
          data-testid={testIds ? "truncated-badge" : undefined}
          title={`${item.droppedSpans.toLocaleString("en")} spans not stored: the trace reached its ${item.truncated === "spans" ? "span" : "size"} cap`}
        >
          truncated
        </span>
      )}
    </span>
  );
}

function hasFlags(item: TraceListItem): boolean {
  return item.errorCount > 0 || item.unfinishedCount > 0 || item.truncated !== null;
}
