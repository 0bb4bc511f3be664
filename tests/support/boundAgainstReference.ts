// A SQLite write that binds each row's values, tested against the JSON statement it replaced (kept
// in the test as the reference): the same writes go to two fresh databases, and the stored rows
// are compared byte for byte and type for type.
import { afterAll, beforeAll } from "vitest";
import type { SqlRunner } from "@/lib/db/sql";
import { takeWriteLock } from "@/lib/db/writeLock";
import { createTestDb, type TestDb } from "./testDb";

type Write<T> = (sql: SqlRunner, items: T[]) => Promise<unknown>;

/** Every stored row of `table`: each column's SQLite type and its bytes in hex, as `<column>_type` and `<column>_hex`. */
export type StoredRow = Record<string, string>;

/**
 * Opens the two databases before the tests of the block it is called in (the file, at its top
 * level) and drops them after. `write` runs both
 * statements on the same items, each in a write transaction of its own database; `read` returns
 * the rows each database stored, ordered by `orderBy`.
 */
export function boundAgainstReference<T>(spec: {
  table: string;
  columns: readonly string[];
  orderBy: readonly string[];
  bound: Write<T>;
  reference: Write<T>;
}) {
  let bound: TestDb;
  let reference: TestDb;
  beforeAll(async () => {
    [bound, reference] = await Promise.all([createTestDb("sqlite"), createTestDb("sqlite")]);
  });
  afterAll(async () => {
    await Promise.all([bound?.drop(), reference?.drop()]);
  });
  const writeOne = (db: TestDb, statement: Write<T>, items: T[]) =>
    db.prisma.$transaction(async (tx) => {
      await takeWriteLock(tx, db.dialect);
      await statement(tx, items);
    });
  const select = spec.columns.map((c) => `typeof("${c}") AS "${c}_type", hex("${c}") AS "${c}_hex"`).join(", ");
  const order = spec.orderBy.map((c) => `"${c}"`).join(", ");
  const readOne = (db: TestDb) => db.prisma.$queryRawUnsafe<StoredRow[]>(`SELECT ${select} FROM "${spec.table}" ORDER BY ${order}`);
  return {
    async write(items: T[]): Promise<void> {
      await writeOne(bound, spec.bound, items);
      await writeOne(reference, spec.reference, items);
    },
    async read(): Promise<{ bound: StoredRow[]; reference: StoredRow[] }> {
      return { bound: await readOne(bound), reference: await readOne(reference) };
    },
  };
}

/** The `<column>_type=<type>` pairs the rows hold. */
export function storedTypes(rows: readonly StoredRow[]): Set<string> {
  return new Set(rows.flatMap((r) => Object.entries(r).filter(([k]) => k.endsWith("_type"))).map(([k, v]) => `${k}=${v}`));
}
