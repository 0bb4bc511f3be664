import { describe, expect, it } from "vitest";
import { convertRejectionToQuarantineRow } from "../lib/ingest/convertRejectionToQuarantineRow";
import type { BatchResult, IngestBatch } from "../lib/ingest/types";
import { decodeMessageJson } from "../lib/notification/decodeMessage";
import { profilerPayload } from "@/tests/support/amqp";
import { convertNotificationToSpanRow } from "../lib/span/convertNotificationToSpanRow";
import { RELEASED_PAYLOAD } from "./decodeOnArrival";
import { storeOneByOne, type IsolatedEntry } from "./storeOneByOne";

const TRACE = "11111111-1111-4111-8111-111111111111";
const SPANS = ["a", "b", "c", "d"].map((c) => `${c.repeat(8)}-0000-4000-8000-000000000000`);

function entry(spanId: string): IsolatedEntry {
  const body = profilerPayload({ traceId: TRACE, spanId, parentId: TRACE, name: "db", phase: "start", us: Date.UTC(2024, 4, 1) * 1000 });
  const notification = decodeMessageJson(body);
  if (!("traceId" in notification)) throw new Error("not a notification");
  const raw = new TextEncoder().encode(JSON.stringify(body));
  return {
    notification,
    quarantine: (reason) => convertRejectionToQuarantineRow(raw, reason, { source: "amqp", origin: "nova/profiler.info" }, 1024, 1),
  };
}

type Outage = { down: boolean; blip: boolean };

/**
 * A database in memory: it refuses every batch holding one of `refused`, and everything while
 * it is down; `onStore` may take it down (or, with `blip`, down for this attempt only) before
 * each attempt to store (counted from 1).
 */
function createDatabase(refused: string[], onStore: (attempt: number, db: Outage) => void = () => undefined) {
  const state = { down: false, blip: false, attempts: 0, stored: [] as string[], quarantined: [] as string[] };
  return {
    state,
    store: {
      async storeBatch(batch: IngestBatch): Promise<BatchResult> {
        onStore(++state.attempts, state);
        const blip = state.blip;
        state.blip = false;
        if (state.down || blip) throw new Error("\nInvalid `prisma.$executeRawUnsafe()` invocation:\n\nCan't reach database server");
        const spanIds = batch.notifications.map((n) => n.spanId);
        if (spanIds.some((id) => refused.includes(id)))
          throw new Error("\nInvalid `prisma.$executeRawUnsafe()` invocation:\n\nvalue too deep");
        state.stored.push(...spanIds);
        state.quarantined.push(...batch.quarantined.map((q) => q.reason));
        const n = spanIds.length;
        return {
          notificationsStored: n,
          duplicates: 0,
          dropped: 0,
          spansCreated: n,
          spansUpdated: 0,
          outcomes: spanIds.map(() => "stored"),
          quarantined: batch.quarantined.length,
          tracesTouched: n ? 1 : 0,
        };
      },
      checkWritable: async () => {
        if (state.down) throw new Error("Can't reach database server");
      },
    },
  };
}

describe("storeOneByOne", () => {
  it("quarantines, with the database's words, the message refused alone twice while the database takes writes", async () => {
    const { state, store } = createDatabase([SPANS[1]!]);
    const outcome = await storeOneByOne(store, SPANS.map(entry), []);
    expect(state.stored).toEqual([SPANS[0], SPANS[2], SPANS[3]]);
    expect(state.quarantined).toEqual(["the database rejected it: value too deep"]);
    expect(outcome?.rejected.map((r) => r.reason)).toEqual(["the database rejected it: value too deep"]);
    expect(outcome?.result).toMatchObject({ notificationsStored: 3, quarantined: 1 });
  });

  it("stops, quarantining nothing, when the database does not take writes after a failure", async () => {
    const { state, store } = createDatabase([], (attempt, db) => {
      if (attempt === 2) db.down = true;
    });
    expect(await storeOneByOne(store, SPANS.map(entry), [])).toBeNull();
    expect(state.stored).toEqual([SPANS[0]]);
    expect(state.quarantined).toEqual([]);
  });

  it("stores a message whose failure was the database's, back by the time it was checked", async () => {
    const { state, store } = createDatabase([], (attempt, db) => {
      db.blip = attempt === 2;
    });
    const outcome = await storeOneByOne(store, SPANS.map(entry), []);
    expect(state.stored).toEqual(SPANS);
    expect(outcome?.rejected).toEqual([]);
  });

  it("stops, quarantining nothing, when the database goes down while a refused message is retried", async () => {
    const { state, store } = createDatabase([SPANS[1]!], (attempt, db) => {
      if (attempt === 3) db.down = true;
    });
    expect(await storeOneByOne(store, SPANS.map(entry), [])).toBeNull();
    expect(state.quarantined).toEqual([]);
  });

  it("stores each notification with the half converted on arrival, whose payload the collector released", async () => {
    const entries = SPANS.map((spanId) => {
      const e = entry(spanId);
      const half = convertNotificationToSpanRow(e.notification);
      e.notification.payload = RELEASED_PAYLOAD;
      return { ...e, half };
    });
    const batches: IngestBatch[] = [];
    const { state, store } = createDatabase([SPANS[2]!]);
    const outcome = await storeOneByOne(
      {
        ...store,
        storeBatch: (batch) => {
          batches.push(batch);
          return store.storeBatch(batch);
        },
      },
      entries,
      [],
    );
    expect(state.stored).toEqual([SPANS[0], SPANS[1], SPANS[3]]);
    expect(outcome?.rejected).toHaveLength(1);
    const alone = batches.filter((b) => b.notifications.length === 1);
    expect(alone).toHaveLength(5); // the refused one twice
    for (const batch of alone) {
      const i = SPANS.indexOf(batch.notifications[0]!.spanId);
      expect(batch.halves).toEqual([entries[i]!.half]);
    }
  });
});
