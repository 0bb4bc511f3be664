// @vitest-environment jsdom
// The header's collector badge for each answer GET /api/status can give.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CollectorBadge } from "./CollectorBadge";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function answer(body: unknown, status = 200) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => Response.json(body, { status })),
  );
}

const collector = { queue: "ostrace.profiler", heartbeatAgeSeconds: 1, lastError: null };

describe("CollectorBadge", () => {
  it("says connected when a collector consumes", async () => {
    answer({ database: { ok: true }, connected: true, collector: { ...collector, state: "connected" }, collectors: [] });
    render(<CollectorBadge />);
    const badge = await screen.findByText("Collector connected");
    expect(badge.closest("[role=status]")!.getAttribute("title")).toBe("consuming queue ostrace.profiler");
  });

  it("says disconnected, and why, when the worker lost the broker, stopped reporting, or never ran", async () => {
    answer({
      database: { ok: true },
      connected: false,
      collector: { ...collector, state: "disconnected", lastError: "ECONNREFUSED 127.0.0.1:5672" },
      collectors: [],
    });
    render(<CollectorBadge />);
    const badge = (await screen.findByText("Collector disconnected")).closest("[role=status]")!;
    expect(badge.getAttribute("title")).toContain("ECONNREFUSED 127.0.0.1:5672");
    expect(badge.getAttribute("title")).toContain("HTTP ingest (POST /api/ingest) and browsing still work");
    cleanup();
    answer({
      database: { ok: true },
      connected: false,
      collector: { ...collector, state: "stale", heartbeatAgeSeconds: 42.4 },
      collectors: [],
    });
    render(<CollectorBadge />);
    expect((await screen.findByText("Collector disconnected")).closest("[role=status]")!.getAttribute("title")).toContain(
      "last heartbeat 42 s ago",
    );
    cleanup();
    answer({ database: { ok: true }, connected: false, collector: null, collectors: [] });
    render(<CollectorBadge />);
    expect((await screen.findByText("Collector disconnected")).closest("[role=status]")!.getAttribute("title")).toContain(
      "no collector has reported yet",
    );
  });

  it("says the broker refuses the collector's queue as configured, not that RabbitMQ is unreachable", async () => {
    const conflict = "queue ostrace.profiler exists as a quorum queue but OSTRACE_QUEUE_TYPE=classic, ...";
    answer({
      database: { ok: true },
      connected: false,
      collector: { ...collector, state: "disconnected", lastError: `queue: ${conflict}` },
      collectors: [],
    });
    render(<CollectorBadge />);
    const title = (await screen.findByText("Collector disconnected")).closest("[role=status]")!.getAttribute("title")!;
    expect(title).toContain(`RabbitMQ refuses its queue as configured: ${conflict}`);
    expect(title).not.toContain("not connected to RabbitMQ");
  });

  it("says when the database or the server is down", async () => {
    answer({ database: { ok: false, error: "SQLITE_CANTOPEN" }, connected: false, collector: null, collectors: [] }, 503);
    render(<CollectorBadge />);
    expect(await screen.findByText("Database unavailable")).toBeTruthy();
    cleanup();
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))),
    );
    render(<CollectorBadge />);
    expect(await screen.findByText("Server unreachable")).toBeTruthy();
  });
});
