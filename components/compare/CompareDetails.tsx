"use client";
// The selected aligned row: what it stands for in A and in B (span, host, times, what it and
// its subtree took), each with a link to that span on its own trace page.
import Link from "next/link";
import { labelCall, labelService, type Trace, type TraceAlignment } from "@/lib/trace";
import { tracePageUrl } from "@/lib/ui/apiUrls";
import { compareClassOf } from "@/lib/ui/compareClasses";
import { formatDurationUs } from "@/lib/ui/formatDuration";
import { Button, LINK_CLASS } from "../ui/Button";

type Props = { alignment: TraceAlignment; index: number; onClose(): void; className?: string };

export function CompareDetails({ alignment: al, index: r, onClose, className = "" }: Props) {
  const own = compareClassOf(al.ownClass[r]!),
    sub = compareClassOf(al.subtreeClass[r]!);
  const m = al.merged;
  return (
    <aside
      aria-label="Row details"
      className={`space-y-3 rounded border border-zinc-200 p-3 text-sm dark:border-zinc-800 ${className}`}
      style={{ borderTop: `4px solid ${own.color}` }}
      data-testid="compare-details"
    >
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <h2 className="truncate font-semibold" title={labelCall(m, r)}>
            {al.group[r] ? `${al.aCount[r] || al.bCount[r]} × ` : ""}
            {labelCall(m, r)}
          </h2>
          <p className="truncate text-xs text-zinc-600 dark:text-zinc-400">
            {labelService(m.strings[m.project[r]!]!, m.strings[m.service[r]!]!)}
          </p>
        </div>
        <Button size="sm" onClick={onClose} aria-label="Close row details">
          ×
        </Button>
      </div>
      <dl className="grid grid-cols-[8rem_1fr] gap-x-2 gap-y-1 text-xs">
        <dt className="text-zinc-500">This call</dt>
        <dd style={{ color: own.color }}>
          {own.label}: {formatDurationUs(al.bUs[r]!)} in B against {formatDurationUs(al.aUs[r]!)} in A
        </dd>
        <dt className="text-zinc-500">With its subtree</dt>
        <dd style={{ color: sub.color }}>
          {sub.label}: {formatDurationUs(al.bSubtreeUs[r]!)} against {formatDurationUs(al.aSubtreeUs[r]!)} ({al.bSpans[r]} spans against{" "}
          {al.aSpans[r]})
        </dd>
      </dl>
      <Side label="A" trace={al.a} span={al.aSpan[r]!} />
      <Side label="B" trace={al.b} span={al.bSpan[r]!} />
    </aside>
  );
}

function Side({ label, trace, span }: { label: string; trace: Trace; span: number }) {
  if (span < 0) return <p className="text-xs text-zinc-500">{label}: no such span.</p>;
  const detail = trace.detail[span]! >= 0 ? trace.strings[trace.detail[span]!]! : null;
  return (
    <section className="space-y-1 text-xs">
      <h3 className="font-medium">
        In {label}:{" "}
        <Link className={LINK_CLASS} href={`${tracePageUrl(trace.traceId)}?span=${encodeURIComponent(trace.spanId[span]!)}`}>
          open on its trace page
        </Link>
      </h3>
      <p className="text-zinc-600 dark:text-zinc-400">
        {trace.strings[trace.name[span]!]} on {trace.strings[trace.host[span]!]}, at +
        {formatDurationUs(trace.startUs[span]! - trace.startedUs)}, took {formatDurationUs(trace.stopUs[span]! - trace.startUs[span]!)}
      </p>
      {detail !== null && (
        <pre className="max-h-32 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-50 p-1 dark:bg-zinc-900">
          {detail.slice(0, 2000)}
        </pre>
      )}
    </section>
  );
}
