"use client";
// The details of the selected span, beside the timeline (not a modal: the timeline stays usable).
// Fields come from the trace model at once; the raw start/stop payloads are fetched, and with
// them the whole statement or message when the page's copy was clipped for display.
import { labelCall, readSpan, type Trace } from "@/lib/trace";
import { CLIP_MARK } from "@/lib/trace/clipMark";
import type { Json } from "@/lib/notification/types";
import { showUnstorable } from "@/lib/span/showUnstorable";
import { describeSpanTiming } from "@/lib/ui/describeSpanTiming";
import { formatDurationUs, formatMs } from "@/lib/ui/formatDuration";
import { formatUtcTimestamp } from "@/lib/ui/formatTime";
import { CopyButton } from "../CopyButton";
import { JsonTree } from "./JsonTree";
import { LocalTime } from "./LocalTime";
import { MessageText } from "./MessageText";
import { RedactedText } from "./RedactedText";
import { SqlBlock } from "./SqlBlock";
import { useSpanDetails, type SpanDetailsState } from "./useSpanDetails";
import { Button } from "../ui/Button";

export type SpanDetailsPanelProps = {
  trace: Trace;
  spanIndex: number;
  color: string;
  onClose(): void;
  onSelectSpan(spanIndex: number): void;
  /** Zooms the timeline to this span's extent. */
  onZoomToSpan?(spanIndex: number): void;
  className?: string;
};

export function SpanDetailsPanel({ trace, spanIndex, color, onClose, onSelectSpan, onZoomToSpan, className = "" }: SpanDetailsPanelProps) {
  const span = readSpan(trace, spanIndex);
  const details = useSpanDetails(trace.traceId, span.spanId, trace.flags[spanIndex]);
  const whole = details.status === "ready" ? details.details : null;
  const detail = whole && isClipped(trace, span.detail) ? whole.detail : span.detail;
  // The span API gives the raw message; the page's reads give it in its page form (a NUL or a lone
  // surrogate as its escape, and in such a message a backslash before a u doubled), which a clipped one's whole text is shown in too,
  // until MessageText labels such characters from the raw one.
  const wholeMessage = whole?.error?.message ?? null;
  const message =
    whole && isClipped(trace, span.error?.message ?? null) ? wholeMessage && showUnstorable(wholeMessage) : (span.error?.message ?? null);
  const parentIndex = trace.parent[spanIndex]!;
  const isDb = span.name === "db";
  const offset = (us: number | null) => (us === null ? null : `+${formatMs(us - trace.startedUs)} ms`);
  const durationUs = trace.stopUs[spanIndex]! - trace.startUs[spanIndex]!;
  const timing = describeSpanTiming(trace, spanIndex);
  const label = labelCall(trace, spanIndex);

  return (
    <aside
      aria-label="Span details"
      className={`flex min-h-0 flex-col overflow-hidden rounded border border-zinc-200 dark:border-zinc-800 ${className}`}
      data-testid="span-details"
    >
      <div className="flex items-start gap-2 border-b border-zinc-200 p-2 dark:border-zinc-800" style={{ borderTop: `4px solid ${color}` }}>
        <div className="min-w-0 flex-1">
          {/* What the row calls it, wrapped (a deep row's indent leaves its name a few characters), in
              three lines at most: a call can be 4,000 characters, and the header would take the panel's
              whole height from the details under it. The whole call is its tooltip. */}
          <h2 className="line-clamp-3 text-sm font-semibold [overflow-wrap:anywhere]" title={label} data-testid="span-details-title">
            {label}
          </h2>
          <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">
            {span.name} · {span.project} / {span.service} on {span.host}
          </p>
        </div>
        {onZoomToSpan && (
          <Button size="xs" onClick={() => onZoomToSpan(spanIndex)}>
            Zoom to span
          </Button>
        )}
        <Button variant="ghost" size="none" onClick={onClose} aria-label="Close details" className="px-1.5 text-lg leading-none">
          ×
        </Button>
      </div>
      <div className="min-h-0 flex-1 space-y-3 overflow-auto p-2 text-sm">
        {span.error && (
          <div className="rounded border border-red-300 bg-red-50 p-2 text-xs dark:border-red-800 dark:bg-red-950/50" role="alert">
            <p className="font-semibold text-red-800 dark:text-red-300">Raised {span.error.type}</p>
            {message && (
              <p className="mt-1 whitespace-pre-wrap break-words font-mono">
                <MessageText shown={message} raw={wholeMessage} />
              </p>
            )}
            <WholeTextStatus trace={trace} text={span.error.message} state={details} what="message" />
          </div>
        )}
        {detail !== null &&
          (isDb ? (
            <SqlBlock sql={detail} />
          ) : (
            <p className="break-all rounded bg-zinc-50 p-2 font-mono text-xs dark:bg-zinc-900" data-testid="span-detail-text">
              <RedactedText text={detail} />
            </p>
          ))}
        <WholeTextStatus trace={trace} text={span.detail} state={details} what={isDb ? "statement" : "text"} />
        <table className="w-full text-xs">
          <tbody className="[&_td]:py-0.5 [&_td]:align-top [&_th]:w-24 [&_th]:py-0.5 [&_th]:pr-2 [&_th]:text-left [&_th]:align-top [&_th]:font-normal [&_th]:text-zinc-500">
            <tr>
              <th scope="row">Span id</th>
              <td className="break-all font-mono">
                {span.spanId} <CopyButton text={span.spanId} label="Copy span id" />
              </td>
            </tr>
            <tr>
              <th scope="row">Parent</th>
              <td className="break-all font-mono">
                {parentIndex >= 0 ? (
                  <Button
                    variant="link"
                    className="text-left"
                    onClick={() => onSelectSpan(parentIndex)}
                    aria-label={`Go to parent span ${span.parentId}`}
                  >
                    {span.parentId}
                  </Button>
                ) : span.parentId === trace.traceId ? (
                  <span>
                    {span.parentId} <span className="font-sans break-normal text-zinc-500">(the trace: a root)</span>
                  </span>
                ) : (
                  <span>
                    {span.parentId} <span className="font-sans break-normal text-amber-700 dark:text-amber-400">(not in this trace)</span>
                  </span>
                )}
              </td>
            </tr>
            <tr>
              <th scope="row">Type</th>
              <td>{span.name}</td>
            </tr>
            <tr>
              <th scope="row">Project</th>
              <td>{span.project}</td>
            </tr>
            <tr>
              <th scope="row">Service</th>
              <td>{span.service}</td>
            </tr>
            <tr>
              <th scope="row">Host</th>
              <td>{span.host}</td>
            </tr>
            <tr>
              <th scope="row">Started</th>
              <td>{span.startUs === null ? <Missing what="start" /> : <Time us={span.startUs} offset={offset(span.startUs)} />}</td>
            </tr>
            <tr>
              <th scope="row">Finished</th>
              <td>{span.stopUs === null ? <Missing what="stop" /> : <Time us={span.stopUs} offset={offset(span.stopUs)} />}</td>
            </tr>
            <tr>
              <th scope="row">Duration</th>
              <td data-testid="span-duration">
                {span.unfinished || span.noStart ? "at least " : ""}
                {formatDurationUs(durationUs)} <span className="text-zinc-500">({formatMs(durationUs)} ms)</span>
              </td>
            </tr>
            {timing.length > 0 && (
              <tr>
                <th scope="row">Timing</th>
                <td data-testid="span-timing">
                  {timing.map((line) => (
                    <p key={line}>{line}</p>
                  ))}
                </td>
              </tr>
            )}
            <tr>
              <th scope="row">Level</th>
              <td>{span.depth + 1}</td>
            </tr>
            {(span.orphan || span.cycle) && (
              <tr>
                <th scope="row">Tree</th>
                <td className="text-amber-700 dark:text-amber-400">
                  {span.orphan
                    ? "orphan: its parent is not in this trace, shown as a root"
                    : "its parent chain loops: cut here, shown as a root"}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <RawPayloads state={details} name={span.name} />
      </div>
    </aside>
  );
}

function Time({ us, offset }: { us: number; offset: string | null }) {
  return (
    <span className="flex flex-col">
      <span className="font-mono">{formatUtcTimestamp(us)}</span>
      {/* The local time last: where none is shown (a browser at UTC), nothing follows its empty room. */}
      <span className="text-zinc-500">
        {offset} <LocalTime us={us} prefix="· " />
      </span>
    </span>
  );
}

function Missing({ what }: { what: string }) {
  return <span className="text-amber-700 dark:text-amber-400">no {what} arrived</span>;
}

function isClipped(trace: Trace, text: string | null): boolean {
  return text !== null && trace.clippedTexts?.has(text) === true;
}

/** For a text the page has only the start of: that it is loading the whole one, or why it could not. */
function WholeTextStatus({ trace, text, state, what }: { trace: Trace; text: string | null; state: SpanDetailsState; what: string }) {
  const clipped = text === null ? undefined : trace.clippedTexts?.get(text);
  if (!clipped || state.status === "ready") return null;
  const shown = `the first ${text!.indexOf(CLIP_MARK).toLocaleString("en-US")} of ${clipped.length.toLocaleString("en-US")} characters`;
  if (state.status === "loading")
    return (
      <p className="text-xs text-zinc-500" data-testid="whole-text-status">
        Showing {shown}; loading the whole {what}…
      </p>
    );
  return (
    <p className="text-xs text-red-700 dark:text-red-400" role="alert" data-testid="whole-text-status">
      Showing {shown}: the whole {what} could not be loaded ({state.message}).
    </p>
  );
}

function RawPayloads({ state, name }: { state: SpanDetailsState; name: string }) {
  if (state.status === "loading") return <p className="text-xs text-zinc-500">Loading raw payloads…</p>;
  if (state.status === "error")
    return (
      <p className="text-xs text-red-700 dark:text-red-400" role="alert">
        Raw payloads unavailable: {state.message}
      </p>
    );
  const payloads: [string, Json | null][] = [
    [`meta.raw_payload.${name}-start`, state.details.startPayload],
    [`meta.raw_payload.${name}-stop`, state.details.stopPayload],
  ];
  return (
    <div className="space-y-2" data-testid="raw-payloads">
      {payloads.map(([label, payload]) => (
        <section key={label} aria-label={label}>
          <div className="mb-1 flex items-center justify-between gap-2">
            <h3 className="truncate font-mono text-xs font-semibold">{label}</h3>
            {payload !== null && <CopyButton text={() => JSON.stringify(payload, null, 2)} label={`Copy ${label} as JSON`} />}
          </div>
          {payload === null ? (
            <p className="text-xs text-amber-700 dark:text-amber-400">not received</p>
          ) : (
            <JsonTree value={payload} label={label} defaultOpenDepth={3} />
          )}
        </section>
      ))}
    </div>
  );
}
