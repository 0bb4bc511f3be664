// The trace page's header: what the request was, when, how long, what it touched, and what is
// wrong with the data. Everything here is wire text rendered as text. Its props change only
// with the trace, so interactions on the page do not re-render it.
import { memo, type ReactNode } from "react";
import { labelCall, labelService, SpanFlag, type ClockSkew, type Trace, type TraceSummary } from "@/lib/trace";
import { formatDurationUs } from "@/lib/ui/formatDuration";
import { formatUtcTimestamp } from "@/lib/ui/formatTime";
import { describeRootRequest } from "@/lib/ui/describeTraceListItem";
import { CopyButton } from "../CopyButton";
import { LocalTime } from "./LocalTime";
import { buttonClass, LINK_CLASS } from "../ui/Button";
import { formatCount } from "@/lib/ui/formatCount";
import { traceDownloadName } from "@/lib/api/traceDownloadName";

export type TraceSummaryHeaderProps = {
  trace: Trace;
  summary: TraceSummary;
  skew: ClockSkew;
  shiftClocks: boolean;
  onShiftClocks(on: boolean): void;
  onSelectSpan(spanIndex: number): void;
  dbCalls: number;
  shareUrl(): string;
  downloadHref: string;
  dotHref: string;
  otlpHref: string;
  /** "Compare with…": under the actions, beside the base_id. */
  compare?: ReactNode;
  /** The page's sentence for a trace that reached a cap ("64 spans not stored: …"); null for a whole one. */
  truncation?: string | null;
  /**
   * The page is following the trace (LiveIndicator: a batch changed it recently): more spans may
   * still come, so the data line does not call it complete.
   */
  live?: boolean;
};

export const TraceSummaryHeader = memo(function TraceSummaryHeader(props: TraceSummaryHeaderProps) {
  const { trace, summary, skew, dbCalls, shareUrl, downloadHref, dotHref, otlpHref, compare, truncation, live = false } = props;
  const problems = [
    // Not "complete" under the banner that says spans were refused.
    truncation && { label: "truncated", tone: "amber", title: `${truncation}: what is shown is what was stored before that` },
    summary.errors > 0 && {
      label: `${summary.errors} error${summary.errors === 1 ? "" : "s"}`,
      tone: "red",
      title: "spans whose stop carried an exception",
    },
    summary.unfinished > 0 && {
      label: `${summary.unfinished} unfinished`,
      tone: "amber",
      title: "spans whose stop never arrived (lost with retry=0, or the service died); drawn open-ended",
    },
    summary.noStart > 0 && { label: `${summary.noStart} without start`, tone: "amber", title: "spans whose start never arrived" },
    summary.orphans > 0 && {
      label: `${summary.orphans} orphan${summary.orphans === 1 ? "" : "s"}`,
      tone: "amber",
      title: "spans whose parent is not in this trace: shown as roots",
    },
    summary.cycles > 0 && {
      label: `${summary.cycles} parent cycle${summary.cycles === 1 ? "" : "s"}`,
      tone: "amber",
      title: "parent ids that loop: cut and shown as roots",
    },
    summary.skewed > 0 && {
      label: `${summary.skewed} clock-skewed`,
      tone: "amber",
      title: "spans that start before their parent, or stop before they start: host clocks differ",
    },
  ].filter(Boolean) as { label: string; tone: "red" | "amber"; title: string }[];
  const root = summary.root;
  const rootService = root >= 0 ? labelService(trace.strings[trace.project[root]!]!, trace.strings[trace.service[root]!]!) : null;
  const asyncWork = root >= 0 && summary.answeredUs !== null && summary.workUs! > summary.answeredUs;
  const rootUnanswered = root >= 0 && (trace.flags[root]! & SpanFlag.UNFINISHED) !== 0;
  const unsolved = skew.solution === "solved" ? null : describeUnsolved(skew);

  return (
    <section aria-label="Trace summary" className="space-y-1.5">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-1">
        <div className="min-w-0 flex-[1_1_20rem]">
          <h1 className="truncate font-mono text-lg font-semibold" title={describeRootRequest(summary)} data-testid="trace-title">
            {summary.spanCount === 0 ? "(empty trace)" : describeRootRequest(summary)}
            {summary.rootRequests > 1 && (
              <span
                className="ml-2 align-middle font-sans text-xs font-normal text-zinc-500"
                title="top-level HTTP requests in this trace: one client command is often a token request, lookups and the action; the trace is named after the one that changes something"
              >
                (1 of {summary.rootRequests} requests)
              </span>
            )}
          </h1>
          {/* One line with its Copy button: where the id does not fit (390 px), it wraps inside its box (after a hyphen where one fits), the button beside it. */}
          <div className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
            <span className="shrink-0">base_id</span>
            <code className="min-w-0 font-mono [overflow-wrap:anywhere] text-zinc-800 dark:text-zinc-200" data-testid="trace-id">
              {summary.traceId}
            </code>
            <CopyButton text={summary.traceId} label="Copy base_id" />
          </div>
        </div>
        <div className="flex flex-col items-start gap-1 lg:items-end">
          <div className="flex flex-wrap items-center gap-2">
            <CopyButton text={shareUrl} label="Copy link to this view" size="compact">
              Copy link
            </CopyButton>
            <a
              href={downloadHref}
              download={traceDownloadName(summary.traceId, "osprofilerJson")}
              className={buttonClass("quiet", "compact")}
            >
              Download OSprofiler JSON
            </a>
            <a
              href={dotHref}
              download={traceDownloadName(summary.traceId, "osprofilerDot")}
              title="The trace as a Graphviz graph, as `osprofiler trace show --dot` writes it"
              className={`text-sm ${LINK_CLASS}`}
            >
              dot
            </a>
            <a
              href={otlpHref}
              download={traceDownloadName(summary.traceId, "otlpJson")}
              title="The trace as OTLP/JSON, for Jaeger UI's JSON upload, Grafana Tempo or an OpenTelemetry collector"
              className={`text-sm ${LINK_CLASS}`}
            >
              Download OTLP JSON
            </a>
          </div>
          {compare}
        </div>
      </div>
      {/* The short figures on one line, the sentences on the next: two lines from 1024 px on, not three. */}
      <div className="space-y-0.5 text-sm">
        <dl className="flex flex-wrap gap-x-5 gap-y-0.5">
          <Item label="Duration">
            <span data-testid="trace-duration" title="first to last timestamp of the whole trace">
              {formatDurationUs(summary.durationUs)}
            </span>
          </Item>
          <Item label="Spans">
            <span data-testid="trace-span-count">{formatCount(summary.spanCount)}</span>
          </Item>
          <Item label="DB calls">{formatCount(dbCalls)}</Item>
          <Item label="Depth">{summary.maxDepth + 1}</Item>
          {/* Last on its line: the local time's room (kept empty in a browser at UTC) is where the line ends, not a gap. */}
          <Item label="Started">
            <span title="UTC, as OSprofiler sends it">{formatUtcTimestamp(summary.startedUs)}</span>
            <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">
              <LocalTime us={summary.startedUs} />
            </span>
          </Item>
        </dl>
        <dl className="flex flex-wrap gap-x-5 gap-y-0.5">
          {asyncWork ? (
            <Item label="Answered">
              <span data-testid="trace-answer">
                {rootService} answered in <b>{formatDurationUs(summary.answeredUs!)}</b>; work went on for{" "}
                {summary.workUnfinished && "at least "}
                <b>{formatDurationUs(summary.workUs!)}</b>
                {summary.workUnfinished && " (unfinished)"}
              </span>
            </Item>
          ) : root >= 0 && summary.answeredUs !== null ? (
            <Item label="Answered">
              <span data-testid="trace-answer">
                {rootService} answered in <b>{formatDurationUs(summary.answeredUs)}</b>
              </span>
            </Item>
          ) : rootUnanswered ? (
            <Item label="Answered">
              <span data-testid="trace-answer" title="the request's stop notification has not arrived: still running, or lost">
                {rootService} has not answered: no stop arrived
              </span>
            </Item>
          ) : null}
          {summary.asyncSpans > 0 && (
            <Item label="Async">
              <span title="spans that ended after their parent ended: RPC casts and spawned work that outlived their caller">
                {formatCount(summary.asyncSpans)} continuation{summary.asyncSpans === 1 ? "" : "s"}
              </span>
            </Item>
          )}
          {problems.length === 0 ? (
            <Item label="Data">
              {live ? (
                <span title="what has arrived has no errors or gaps; the trace is live, more spans may still arrive">
                  no errors so far, may still grow
                </span>
              ) : (
                <span className="text-emerald-700 dark:text-emerald-400">complete, no errors</span>
              )}
            </Item>
          ) : (
            <Item label="Flags">
              <span className="flex flex-wrap gap-1">
                {problems.map((p) => (
                  <span
                    key={p.label}
                    title={p.title}
                    className={`rounded px-1.5 text-xs font-medium ${p.tone === "red" ? "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200" : "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200"}`}
                  >
                    {p.label}
                  </span>
                ))}
              </span>
            </Item>
          )}
        </dl>
      </div>
      {summary.unfinished > 0 && summary.lastStarted >= 0 && (
        <p className="text-xs text-amber-900 dark:text-amber-200" data-testid="last-started">
          Unfinished: the last span to start was{" "}
          <button type="button" className="font-mono underline" onClick={() => props.onSelectSpan(summary.lastStarted)}>
            {labelCall(trace, summary.lastStarted)}
          </button>{" "}
          at +{formatDurationUs(trace.startUs[summary.lastStarted]! - trace.startedUs)}: where a hung request stopped.
        </p>
      )}
      {skew.hosts.length > 0 && (
        <p className="flex flex-wrap items-center gap-x-2 text-xs text-amber-900 dark:text-amber-200" data-testid="clock-skew">
          <span>
            Clock skew
            {unsolved && (
              <span title={unsolved.title} data-testid="clock-skew-solution">
                {" "}
                ({unsolved.label})
              </span>
            )}
            :{" "}
            {skew.hosts
              .slice(0, 4)
              .map(
                (h) =>
                  `${h.host} ${h.offsetUs > 0 ? "≥" : "≈"} ${formatDurationUs(Math.abs(h.offsetUs))} ${h.offsetUs > 0 ? "behind" : "ahead of"} ${skew.reference}`,
              )
              .join("; ")}
            {skew.hosts.length > 4 && `; ${skew.hosts.length - 4} more hosts`}
          </span>
          <label
            className="flex items-center gap-1"
            title="Move each host's spans by its estimated offset. Off by default: nothing is shifted silently."
          >
            <input
              type="checkbox"
              checked={props.shiftClocks}
              onChange={(e) => props.onShiftClocks(e.target.checked)}
              data-testid="shift-clocks"
            />
            correct clocks
          </label>
        </p>
      )}
    </section>
  );
});

/** Why the offsets are each host's own worst lead instead of one solution: what estimateClockSkew found. */
function describeUnsolved(skew: ClockSkew): { label: string; title: string } {
  if (skew.solution === "too-large")
    return {
      label: `not estimated: ${formatCount(skew.boundHosts)} hosts, ${formatCount(skew.bounds)} caller-callee bounds, too many to solve here`,
      title:
        "Solving the hosts' offsets would take longer than the page allows, so whether the clocks agree is not known. Each host's offset shown is its own worst lead alone.",
    };
  return {
    label: "inconsistent: clocks drift",
    title:
      "No single offset per host meets every caller and callee: a host seems both ahead of and behind another, as a clock that drifts or steps during the trace does. Each host's offset shown is its own worst lead alone.",
  };
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-baseline gap-1.5">
      <dt className="text-xs uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
