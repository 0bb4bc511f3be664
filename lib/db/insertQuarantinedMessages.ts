import type { QuarantineRow } from "../ingest/types";
import type { Dialect } from "./client";
import { chunks, valuesList, type SqlRunner } from "./sql";

/** Bodies can be large (up to OSTRACE_QUARANTINE_MAX_BYTES each): fewer rows per statement. */
const ROWS = 50;

export async function insertQuarantinedMessages(sql: SqlRunner, dialect: Dialect, rows: readonly QuarantineRow[]): Promise<void> {
  for (const part of chunks(rows, ROWS)) {
    const args: unknown[] = [];
    for (const q of part) args.push(q.receivedUs, q.source, q.origin, q.reason, q.body, q.bodyBytes, q.truncated);
    await sql.$executeRawUnsafe(
      `INSERT INTO "quarantined_message" ("received_us", "source", "origin", "reason", "body", "body_bytes", "truncated") VALUES ${valuesList(dialect, part.length, 7)}`,
      ...args,
    );
  }
}
