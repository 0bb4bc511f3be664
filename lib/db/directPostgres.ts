// directSql.ts on PostgreSQL: the pool client that Prisma's pg adapter took for the transaction
// (it runs BEGIN, the callback's statements and COMMIT or ROLLBACK on that one client). The
// adapter's startTransaction is wrapped to hand that client to the $transaction call that asked
// for it, found through an AsyncLocalStorage slot set around the call, so concurrent transactions
// (the web's HTTP ingest, several batches) each get their own. Statements are named, so each pool
// client parses and plans a write-path statement once; the single jsonb parameter gives the
// planner nothing to choose on, so the generic plan is the plan it would make anyway.
import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaPg } from "@prisma/adapter-pg";
import pg, { type PoolClient, type QueryConfig } from "pg";
import { arePlainValues, type TrackTransaction } from "./directSql";
import type { SqlRunner } from "./sql";

type Slot = { client: PoolClient | null };

/** Distinct statement texts that get a name; any beyond run unnamed (names are never reused for another text). */
const MAX_NAMED = 64;

const INT8 = 20;
const parseInt8 = (value: string) => Number(value);
/** Integers as numbers, as the SQLite runner gives them: what the write path reads of int8 is a count, an id or microseconds (< 2^53). */
const TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 && format !== "binary" ? parseInt8 : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/** Hooks the transactions `adapter` starts (call before the client connects); the tracker for enableDirectSql. */
export function trackPostgresTransactions(adapter: PrismaPg): TrackTransaction {
  const slots = new AsyncLocalStorage<Slot>();
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const connected = await connect();
    const startTransaction = connected.startTransaction.bind(connected);
    connected.startTransaction = async (...args) => {
      const transaction = await startTransaction(...args);
      const slot = slots.getStore();
      if (slot) slot.client = (transaction as unknown as { client: PoolClient }).client;
      return transaction;
    };
    return connected;
  };
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED) names.set(text, (name = `ostrace_${names.size + 1}`));
    return name;
  };
  return (start) => {
    const slot: Slot = { client: null };
    return slots.run(slot, () => start((tx) => (slot.client === null ? null : createPostgresRunner(slot.client, nameOf, tx))));
  };
}

/**
 * A SqlRunner on the transaction's pool client. Its answers match the Prisma client's for the write
 * path's statements (text and integer columns): rows as objects, integers as numbers, the number of
 * changed rows. Arguments other than text, numbers and null go to `fallback`, where Prisma's conversions apply.
 */
function createPostgresRunner(client: PoolClient, nameOf: (text: string) => string | undefined, fallback: SqlRunner): SqlRunner {
  const config = (text: string, values: unknown[]): QueryConfig => {
    const name = nameOf(text);
    return name === undefined ? { text, values, types: TYPES } : { name, text, values, types: TYPES };
  };
  const runner = {
    async $executeRawUnsafe(query: string, ...values: unknown[]) {
      if (!arePlainValues(values)) return fallback.$executeRawUnsafe(query, ...values);
      return (await client.query(config(query, values))).rowCount ?? 0;
    },
    async $queryRawUnsafe(query: string, ...values: unknown[]) {
      if (!arePlainValues(values)) return fallback.$queryRawUnsafe(query, ...values);
      return (await client.query(config(query, values))).rows;
    },
  };
  return runner as unknown as SqlRunner;
}
