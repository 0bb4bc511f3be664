"use client";
// "This trace against typical": the trace beside the median of recent traces of its request
// (GET /api/traces/{id}/typical, from sums kept at ingest). One sentence says what changed; the
// details list services, call types and SQL statements that differ most.
import { memo, useEffect, useState } from "react";
import type { TypicalComparisonResponse } from "@/lib/api/types";
import { formatTraceListQuery } from "@/lib/api/formatTraceListQuery";
import { shortenSql } from "@/lib/trace";
import { splitCallKey } from "@/lib/trace/splitCallKey";
import { formatDurationUs } from "@/lib/ui/formatDuration";
import { useTraceDataSource } from "./traceDataSource";
import { TypicalComparing, TypicalComparisonFrame } from "./TypicalComparisonPending";

type State = { status: "loading" } | { status: "ready"; comparison: TypicalComparisonResponse } | { status: "error"; message: string };

const NO_PROJECTS: ReadonlyMap<string, string> = new Map();

/** Rows each table shows: the biggest changes. */
const ROWS = 8;

const STATUS_CLASS: Record<string, string> = {
  new: "bg-violet-100 text-violet-900 dark:bg-violet-900/40 dark:text-violet-200",
  added: "bg-violet-100 text-violet-900 dark:bg-violet-900/40 dark:text-violet-200",
  missing: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
  grew: "bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-200",
};

export type TypicalComparisonPanelProps = {
  traceId: string;
  /**
   * This trace's projects by service name, to name a service as the rest of the page does
   * ("glance / api"): the sums are kept per service name. A service this trace lacks keeps its bare name.
   */
  projectsOf?: ReadonlyMap<string, string>;
};

export const TypicalComparisonPanel = memo(function TypicalComparisonPanel({
  traceId,
  projectsOf = NO_PROJECTS,
}: TypicalComparisonPanelProps) {
  const source = useTraceDataSource();
  // Kept with the trace it is for: another trace's answer reads as loading.
  const [loaded, setLoaded] = useState<{ traceId: string; state: State } | null>(null);
  const state: State = loaded?.traceId === traceId ? loaded.state : { status: "loading" };
  useEffect(() => {
    if (!source.loadTypicalComparison) return;
    const controller = new AbortController();
    source
      .loadTypicalComparison(traceId, controller.signal)
      .then((comparison) => setLoaded({ traceId, state: { status: "ready", comparison } }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted)
          setLoaded({ traceId, state: { status: "error", message: error instanceof Error ? error.message : String(error) } });
      });
    return () => controller.abort();
  }, [source, traceId]);
  if (!source.loadTypicalComparison) return null;

  return (
    <TypicalComparisonFrame
      title={state.status === "ready" ? state.comparison.summary : undefined}
      summary={
        state.status === "loading" ? (
          <TypicalComparing />
        ) : state.status === "error" ? (
          <span className="text-red-700 dark:text-red-400">Could not compare: {state.message}</span>
        ) : (
          <span data-testid="typical-summary">{state.comparison.summary}</span>
        )
      }
    >
      {state.status === "ready" && <ComparisonDetails comparison={state.comparison} projectsOf={projectsOf} />}
    </TypicalComparisonFrame>
  );
});

function ComparisonDetails({
  comparison: c,
  projectsOf,
}: {
  comparison: TypicalComparisonResponse;
  projectsOf: ReadonlyMap<string, string>;
}) {
  const nameService = (service: string) => {
    const project = projectsOf.get(service);
    return project === undefined ? service : `${project} / ${service}`;
  };
  const nameCall = (key: string) => {
    const { service, name } = splitCallKey(key);
    return `${nameService(service)} ${name}`;
  };
  // A plain link, not next/link: the offline report bundles this component without Next.js's runtime.
  const signatureHref = c.signature === null ? null : `/?${formatTraceListQuery({ signature: c.signature }).toString()}`;
  const changedServices = c.services.filter((s) => s.status !== "present" || s.totalUs !== s.typicalTotalUs);
  const statements = c.statements.filter((s) => s.status !== "same" || s.count !== s.typicalCount).slice(0, ROWS);
  return (
    <div className="mt-2 space-y-3">
      <p className="text-xs text-zinc-500">
        {c.baselineCount === 1
          ? "Typical: the one earlier trace of"
          : `Typical: the median of the ${c.baselineCount} most recent earlier traces of`}{" "}
        {signatureHref ? (
          <a href={signatureHref} className="font-mono text-sky-700 hover:underline dark:text-sky-400">
            {c.signature}
          </a>
        ) : (
          "this request"
        )}{" "}
        {c.baselineErrored &&
          (c.baselineCount === 1 ? "(it raised an error) " : "(each raised an error: no earlier trace ran without one) ")}
        (a trace without a call counts as 0). Times are summed over spans: a call&apos;s time includes its callees&apos;, and calls that
        overlap (parallel or nested) add up, so a sum can exceed the trace&apos;s {formatDurationUs(c.durationUs)}; <i>overlap</i> marks the
        calls whose sums do. A service&apos;s time counts each of its spans, nested ones too, so it often exceeds the trace&apos;s duration
        with nothing side by side: services are not marked.
        {!c.complete && " This trace was stored before these sums were kept: the comparison covers only its spans that arrived since."}
      </p>
      {c.baselineCount > 0 && (
        <div className="grid items-start gap-3 lg:grid-cols-2">
          <Table
            label="Services"
            head={["service", "this", "typical", "Δ"]}
            rows={[...changedServices]
              .sort((a, b) => Math.abs(b.totalUs - b.typicalTotalUs) - Math.abs(a.totalUs - a.typicalTotalUs))
              .slice(0, ROWS)
              .map((s) => ({
                key: s.service,
                status: s.status === "present" ? null : s.status,
                cells: [
                  nameService(s.service),
                  formatDurationUs(s.totalUs),
                  formatDurationUs(s.typicalTotalUs),
                  formatDelta(s.totalUs - s.typicalTotalUs),
                ],
              }))}
          />
          <Table
            label="Calls (service, span type)"
            head={["call", "this", "typical", "Δ"]}
            rows={c.calls.slice(0, ROWS).map((a) => ({
              key: a.key,
              status: a.status === "same" ? null : a.status,
              overlap: describeOverlap(a, c),
              cells: [
                nameCall(a.key),
                `${formatDurationUs(a.totalUs)} · ${a.count}×`,
                `${formatDurationUs(a.typicalTotalUs)} · ${a.typicalCount}×`,
                formatDelta(a.totalUs - a.typicalTotalUs),
              ],
            }))}
          />
          <Table
            className="lg:col-span-2"
            label="SQL statements"
            head={["statement", "this", "typical", "Δ runs"]}
            rows={statements.map((s) => ({
              key: s.key,
              status: s.status === "same" ? null : s.status,
              title: s.key,
              cells: [
                shortenSql(s.key),
                `${s.count}× · ${formatDurationUs(s.totalUs)}`,
                `${s.typicalCount}× · ${formatDurationUs(s.typicalTotalUs)}`,
                formatCountDelta(s.count - s.typicalCount),
              ],
            }))}
          />
        </div>
      )}
    </div>
  );
}

type Row = {
  key: string;
  status: string | null;
  /** Why the row's sums are marked "overlap", or null when neither is. */
  overlap?: string | null;
  title?: string;
  cells: string[];
};

/** A row's sums that exceed their trace's wall time, in words: the badge's title. */
function describeOverlap(row: { count: number; overlap: boolean; typicalOverlap: boolean }, c: TypicalComparisonResponse): string | null {
  const calls = `${row.count} call${row.count === 1 ? "" : "s"}`;
  const here = row.overlap ? `here summed over ${calls} that overlap: more than this trace's ${formatDurationUs(c.durationUs)}` : "";
  const typical = row.typicalOverlap ? "typically summed over calls that overlap: more than their traces' duration" : "";
  return here || typical ? [here, typical].filter(Boolean).join("; ") : null;
}

function Table({ label, head, rows, className = "" }: { label: string; head: string[]; rows: Row[]; className?: string }) {
  return (
    <table className={`w-full text-xs ${className}`} aria-label={label}>
      <caption className="pb-1 text-left font-medium text-zinc-600 dark:text-zinc-400">{label}</caption>
      <thead className="text-left text-zinc-500">
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" className={`px-1 font-normal ${i > 0 ? "text-right" : ""}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={head.length} className="px-1 text-zinc-500">
              No difference.
            </td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-zinc-100 dark:border-zinc-800" data-status={r.status ?? "same"}>
            <td className="max-w-[28rem] truncate px-1 font-mono" title={r.title ?? r.cells[0]}>
              {r.status && <span className={`mr-1 rounded px-1 font-sans ${STATUS_CLASS[r.status] ?? ""}`}>{r.status}</span>}
              {r.overlap && (
                <span
                  className="mr-1 rounded bg-zinc-100 px-1 font-sans italic text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
                  title={r.overlap}
                >
                  overlap
                </span>
              )}
              {r.cells[0]}
            </td>
            {r.cells.slice(1).map((c, i) => (
              <td key={i} className="whitespace-nowrap px-1 text-right tabular-nums">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function formatDelta(us: number): string {
  return us === 0 ? "±0" : `${us > 0 ? "+" : "−"}${formatDurationUs(Math.abs(us))}`;
}

function formatCountDelta(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return rounded === 0 ? "±0" : `${rounded > 0 ? "+" : "−"}${Math.abs(rounded)}`;
}
