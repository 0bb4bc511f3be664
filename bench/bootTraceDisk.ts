// What a boot trace costs on disk (README, Retention): the demo's big boot trace (scripts/demo.ts:
// scenario boot-server, 520 spans) stored `--copies` times with different seeds through
// storeBatch, one transaction per trace as the collector would, into a fresh database of each
// dialect. Cost = the growth of the size retention measures (lib/db/measureDatabaseSize.ts:
// SQLite pages in use, PostgreSQL pg_database_size) divided by the copies.
//
//   npx tsx bench/bootTraceDisk.ts [--dialects sqlite,postgresql] [--copies 100]
import type { Dialect } from "../lib/db/client";
import { measureDatabaseSize } from "../lib/db/measureDatabaseSize";
import { storeBatch } from "../lib/db/storeBatch";
import { decodeMessageJson } from "../lib/notification/decodeMessage";
import type { Notification } from "../lib/notification/types";
import { generateProfilerNotifications } from "../testing/synthetic";
import { createTestDb } from "../tests/support/testDb";
import { parseFlags } from "./support/report";

const flags = parseFlags(process.argv.slice(2));
const dialects = (flags.get("dialects") ?? "sqlite,postgresql").split(",") as Dialect[];
const copies = Number(flags.get("copies") ?? 100);

for (const dialect of dialects) {
  const db = await createTestDb(dialect);
  try {
    const before = await measureDatabaseSize(db);
    let spans = 0;
    let payloadBytes = 0;
    for (let i = 0; i < copies; i++) {
      const notifications = [
        ...generateProfilerNotifications({ seed: `ostrace-demo-0-copy-${i}`, scenario: "boot-server", spanCount: 520, traces: 1 }),
      ];
      payloadBytes += notifications.reduce((sum, n) => sum + JSON.stringify(n.payload).length, 0);
      const result = await storeBatch(db, {
        notifications: notifications.map((n) => decodeMessageJson(n.payload) as Notification),
        quarantined: [],
      });
      spans += result.spansCreated;
    }
    const after = await measureDatabaseSize(db);
    const perTrace = (after.sizeBytes - before.sizeBytes) / copies;
    console.log(
      `${dialect}: ${copies} boot traces, ${(spans / copies).toFixed(0)} spans and ${(payloadBytes / copies / 1024).toFixed(0)} KiB of notification JSON each: ` +
        `${(perTrace / 1024).toFixed(0)} KiB on disk per trace (${(perTrace / (spans / copies)).toFixed(0)} bytes per span)`,
    );
  } finally {
    await db.drop();
  }
}
