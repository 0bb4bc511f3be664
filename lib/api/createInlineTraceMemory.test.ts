import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeMessageJson } from "@/lib/notification/decodeMessage";
import type { Notification } from "@/lib/notification/types";
import { profilerPayload } from "@/tests/support/amqp";
import { createTestDb, type TestDb } from "@/tests/support/testDb";
import type { Db } from "../db/client";
import { readTraceListItem } from "../db/readTraceListItem";
import { storeBatch } from "../db/storeBatch";
import type { TraceListItem } from "../trace/traceList";
import { createInlineTraceMemory } from "./createInlineTraceMemory";
import { COMPACT_ETAG_VARIANT } from "./renderCompactTrace";
import { computeTraceEtag } from "./traceEtag";
import { assessTraceLiveness, LIVE_QUIET_US } from "./traceLiveness";
import type { InlineTrace } from "./types";

const NOW_US = Date.UTC(2024, 4, 1, 12) * 1000;

function summaryOf(traceId: string, changes: Partial<TraceListItem> = {}): TraceListItem {
  return {
    traceId,
    startUs: NOW_US - 2_000_000,
    durationUs: 1_500_000,
    answeredUs: 1_400_000,
    spanCount: 15,
    errorCount: 0,
    unfinishedCount: 0,
    noStartCount: 0,
    services: ["nova-api"],
    projects: ["nova"],
    hosts: ["ctl-1"],
    rootName: "wsgi",
    rootMethod: "POST",
    rootPath: "/v2.1/servers",
    rootRequests: 1,
    updatedUs: NOW_US - 1_000_000,
    droppedSpans: 0,
    truncated: null,
    ...changes,
  };
}

/** A reader that answers a JSON of `chars` characters naming the read (so a kept answer tells from a new one), and counts its reads. */
function countingReader(chars: (summary: TraceListItem) => number | null) {
  const reads: string[] = [];
  const read = (_db: Db, summary: TraceListItem): Promise<InlineTrace | null> => {
    reads.push(summary.traceId);
    const n = chars(summary);
    if (n === null) return Promise.resolve(null);
    const head = `{"traceId":"${summary.traceId}","read":${reads.length},"pad":"`;
    return Promise.resolve({
      compactJson: `${head}${"x".repeat(Math.max(0, n - head.length - 2))}"}`,
      etag: computeTraceEtag(summary, COMPACT_ETAG_VARIANT),
      liveness: assessTraceLiveness(summary, NOW_US),
    });
  };
  return { reads, read };
}

const db = {} as Db;
const explainAs = (calls: string[]) => (json: string) => {
  calls.push(json);
  return `{"findings":${calls.length}}`;
};

describe("createInlineTraceMemory", () => {
  it("reads and explains a trace once per version, and reads a changed trace again", async () => {
    const { reads, read } = countingReader(() => 100);
    const explained: string[] = [];
    const memory = createInlineTraceMemory(10_000, read, () => NOW_US);
    const v1 = summaryOf("a");
    const first = await memory.read(db, v1, explainAs(explained));
    const again = await memory.read(db, { ...v1 }, explainAs(explained));
    expect(reads).toEqual(["a"]);
    expect(explained).toHaveLength(1);
    expect(again).toEqual(first);
    expect(first!.inline.etag).toBe(computeTraceEtag(v1, COMPACT_ETAG_VARIANT));
    expect(JSON.parse(first!.inline.compactJson)).toMatchObject({ read: 1 });
    expect(first!.findingsJson).toBe('{"findings":1}');

    // A batch landed: a new span, a new update time. The new version is read, never the kept one served.
    const v2 = summaryOf("a", { spanCount: 16, updatedUs: v1.updatedUs + 1 });
    const changed = await memory.read(db, v2, explainAs(explained));
    expect(reads).toEqual(["a", "a"]);
    expect(JSON.parse(changed!.inline.compactJson)).toMatchObject({ read: 2 });
    expect(changed!.findingsJson).toBe('{"findings":2}');
    expect(changed!.inline.etag).toBe(computeTraceEtag(v2, COMPACT_ETAG_VARIANT));
    expect(changed!.inline.etag).not.toBe(first!.inline.etag);
    // Only the update time moved: still a version of its own.
    const v3 = { ...v2, updatedUs: v2.updatedUs + 1 };
    expect(JSON.parse((await memory.read(db, v3, explainAs(explained)))!.inline.compactJson)).toMatchObject({ read: 3 });
    expect(JSON.parse((await memory.read(db, v3, explainAs(explained)))!.inline.compactJson)).toMatchObject({ read: 3 });
    expect(reads).toHaveLength(3);
  });

  it("assesses the liveness on every render, by the clock of that render", async () => {
    let now = NOW_US;
    const { reads, read } = countingReader(() => 100);
    const memory = createInlineTraceMemory(10_000, read, () => now);
    const summary = summaryOf("live", { updatedUs: NOW_US - 1_000_000 });
    expect((await memory.read(db, summary, () => null))!.inline.liveness).toEqual({ live: true, quietUs: 1_000_000 });
    now += LIVE_QUIET_US;
    expect((await memory.read(db, summary, () => null))!.inline.liveness).toEqual({ live: false, quietUs: LIVE_QUIET_US + 1_000_000 });
    expect(reads).toHaveLength(1);
  });

  it("keeps what fits its characters by last use, and nothing for a trace not inlined or too big", async () => {
    const { reads, read } = countingReader((s) => (s.traceId === "fetched" ? null : s.traceId === "huge" ? 1001 : 400));
    const memory = createInlineTraceMemory(1000, read, () => NOW_US);
    const open = async (id: string) => memory.read(db, summaryOf(id), (json) => `[${json.length}]`);
    // Each 400 characters and its findings' 5: two fit in 1,000.
    for (const id of ["a", "b", "a", "c"]) await open(id);
    expect(reads).toEqual(["a", "b", "c"]);
    await open("a"); // used after b: kept
    expect(reads).toEqual(["a", "b", "c"]);
    await open("b"); // b was pushed out; kept again, it pushes out c, the least recently used now
    expect(reads).toEqual(["a", "b", "c", "b"]);
    await open("a");
    expect(reads).toHaveLength(4);
    await open("c");
    expect(reads).toEqual(["a", "b", "c", "b", "c"]);

    expect(await open("fetched")).toBeNull();
    expect(await open("fetched")).toBeNull();
    expect((await open("huge"))!.inline.compactJson).toHaveLength(1001);
    await open("huge");
    expect(reads.slice(5)).toEqual(["fetched", "fetched", "huge", "huge"]);
    // Refusing the huge one pushed nothing out.
    await open("a");
    await open("c");
    expect(reads).toHaveLength(9);
  });
});

describe("createInlineTraceMemory over a stored trace (SQLite)", () => {
  let store: TestDb;
  beforeAll(async () => {
    store = await createTestDb("sqlite");
  });
  afterAll(async () => {
    await store?.drop();
  });

  /** The start of a span of `traceId`, at `us`, named `name`. */
  function start(traceId: string, us: number, name: string): Notification {
    return decodeMessageJson(
      profilerPayload({ traceId, spanId: randomUUID(), parentId: traceId, name, phase: "start", us }),
    ) as Notification;
  }

  it("serves a live trace's new spans as soon as they are stored", async () => {
    const traceId = randomUUID();
    const memory = createInlineTraceMemory();
    const names = async () => {
      const remembered = await memory.read(store, (await readTraceListItem(store, traceId))!, () => null);
      return (JSON.parse(remembered!.inline.compactJson) as { strings: string[] }).strings;
    };
    const t0 = Date.now() * 1000;
    await storeBatch(store, { notifications: [start(traceId, t0, "wsgi")], quarantined: [] }, 1000);
    expect(await names()).toContain("wsgi");
    expect(await names()).not.toContain("rpc");
    await storeBatch(store, { notifications: [start(traceId, t0 + 10, "rpc")], quarantined: [] }, 1001);
    expect(await names()).toContain("rpc");
  });
});
