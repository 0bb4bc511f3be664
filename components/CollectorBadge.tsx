"use client";
// The header's collector badge: GET /api/status every few seconds. Browsing and HTTP ingest
// work either way; the badge only says whether traces from RabbitMQ are arriving.
import { useEffect, useState } from "react";
import type { StatusResponse } from "@/lib/api/types";

/** The fields of GET /api/status the badge reads. */
type Status = Pick<StatusResponse, "database" | "connected" | "collector">;

type Shown = { kind: "loading" } | { kind: "unreachable" } | { kind: "status"; status: Status };

const STATUS_POLL_MS = 10_000;

export function CollectorBadge() {
  const [shown, setShown] = useState<Shown>({ kind: "loading" });
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const response = await fetch("/api/status", { cache: "no-store" });
        const status = (await response.json()) as Status;
        if (!cancelled) setShown({ kind: "status", status });
      } catch {
        if (!cancelled) setShown({ kind: "unreachable" });
      }
      if (!cancelled) timer = setTimeout(poll, STATUS_POLL_MS);
    };
    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, []);
  const { label, detail, tone } = describe(shown);
  return (
    <div
      role="status"
      aria-live="polite"
      title={detail}
      className="flex items-center gap-2 text-xs text-zinc-700 dark:text-zinc-300"
      data-testid="collector-status"
      data-state={tone}
    >
      <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${TONES[tone]}`} />
      {/* As wide as its longest label from the first paint (the server's "Collector…" grew by 62 px
          when the status came, moving the header's right end): every label is laid out, unseen, in
          the same grid cell, as generated text (not the page's text: not read, found or copied). */}
      <span className="grid">
        <span className="col-start-1 row-start-1">{label}</span>
        {LABELS.map((each) => (
          <span key={each} aria-hidden data-label={each} className="invisible col-start-1 row-start-1 before:content-[attr(data-label)]" />
        ))}
      </span>
    </div>
  );
}

const LABELS = ["Collector…", "Server unreachable", "Database unavailable", "Collector connected", "Collector disconnected"] as const;

const TONES = { ok: "bg-emerald-500", bad: "bg-red-500", unknown: "bg-zinc-400" } as const;

function describe(shown: Shown): { label: (typeof LABELS)[number]; detail: string; tone: keyof typeof TONES } {
  if (shown.kind === "loading") return { label: "Collector…", detail: "checking the collector", tone: "unknown" };
  if (shown.kind === "unreachable") return { label: "Server unreachable", detail: "GET /api/status failed", tone: "bad" };
  const { status } = shown;
  if (!status.database.ok) return { label: "Database unavailable", detail: status.database.error, tone: "bad" };
  const c = status.collector;
  if (status.connected && c) return { label: "Collector connected", detail: `consuming queue ${c.queue}`, tone: "ok" };
  const why =
    c === null
      ? "no collector has reported yet (is the worker running? `npm start` runs it)"
      : c.state === "stale"
        ? `last heartbeat ${Math.round(c.heartbeatAgeSeconds)} s ago on queue ${c.queue}`
        : c.lastError?.startsWith("queue:")
          ? `RabbitMQ refuses its queue as configured: ${c.lastError.slice("queue:".length).trim()}`
          : `not connected to RabbitMQ${c.lastError ? `: ${c.lastError}` : ""}`;
  return { label: "Collector disconnected", detail: `${why}. HTTP ingest (POST /api/ingest) and browsing still work.`, tone: "bad" };
}
