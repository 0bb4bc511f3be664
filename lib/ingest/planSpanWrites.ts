// Decoded notifications + the rows already stored -> the rows to write. Halves of one span in
// the same batch are merged in memory first (a short call's start and stop usually travel
// together), so such a span costs one write instead of two; then each span is merged with
// its stored row by the one rule in lib/span/mergeSpanRows.ts. A gate (createTraceCapGate.ts)
// may refuse a span's new halves: they are "dropped", neither stored nor duplicates.
import type { Notification, Phase } from "../notification/types";
import { convertNotificationToSpanRow } from "../span/convertNotificationToSpanRow";
import { mergeSpanRows } from "../span/mergeSpanRows";
import type { SpanRow } from "../span/types";
import { spanKey } from "./spanKey";
import type { TraceCapGate } from "./createTraceCapGate";
import type { BatchCounts, NotificationOutcome, SpanChange } from "./types";

export type SpanWritePlan = BatchCounts & {
  spanWrites: SpanRow[];
  changes: SpanChange[];
  outcomes: NotificationOutcome[];
};

type Pending = { row: SpanRow; added: { index: number; phase: Phase }[] };

type Gate = Pick<TraceCapGate, "admit">;

/** `halves[i]`, when given, is convertNotificationToSpanRow(notifications[i]), converted ahead (IngestBatch.halves). */
export function planSpanWrites(
  notifications: readonly Notification[],
  existing: ReadonlyMap<string, SpanRow>,
  gate?: Gate,
  halves?: readonly SpanRow[],
): SpanWritePlan {
  const outcomes: NotificationOutcome[] = new Array<NotificationOutcome>(notifications.length).fill("duplicate");
  const pending = new Map<string, Pending>();
  notifications.forEach((n, index) => {
    const key = spanKey(n.traceId, n.spanId);
    const row = halves?.[index] ?? convertNotificationToSpanRow(n);
    const entry = pending.get(key);
    if (!entry) {
      pending.set(key, { row, added: [{ index, phase: n.phase }] });
      return;
    }
    const merged = mergeSpanRows(entry.row, row);
    entry.row = merged.row;
    if (merged.added.length > 0) entry.added.push({ index, phase: n.phase });
  });

  const spanWrites: SpanRow[] = [];
  const changes: SpanChange[] = [];
  let spansCreated = 0;
  let spansUpdated = 0;
  for (const [key, entry] of pending) {
    const before = existing.get(key) ?? null;
    let after = entry.row;
    let addedPhases: readonly Phase[] = ["start", "stop"];
    if (before) {
      const merged = mergeSpanRows(before, entry.row);
      addedPhases = merged.added;
      after = merged.row;
    }
    const added = entry.added.filter(({ phase }) => addedPhases.includes(phase));
    if (before && addedPhases.length === 0) continue;
    if (gate && !gate.admit(before, after, added.length, added.filter(({ phase }) => phase === "start").length)) {
      for (const { index } of added) outcomes[index] = "dropped";
      continue;
    }
    for (const { index } of added) outcomes[index] = "stored";
    if (before) spansUpdated++;
    else spansCreated++;
    spanWrites.push(after);
    changes.push({ before, after });
  }
  const notificationsStored = outcomes.filter((o) => o === "stored").length;
  const dropped = outcomes.filter((o) => o === "dropped").length;
  return {
    spanWrites,
    changes,
    outcomes,
    notificationsStored,
    duplicates: notifications.length - notificationsStored - dropped,
    dropped,
    spansCreated,
    spansUpdated,
  };
}
