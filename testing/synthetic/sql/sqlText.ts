// SQL as osprofiler.sqlalchemy sees it on a MySQL deployment: the statement after SQLAlchemy
// compiled it for PyMySQL (pyformat "%(name)s" placeholders, expanded IN lists) and the params
// dict. Statements are built once at module load; only params change per call.
import type { Json, JsonObject } from "../../../lib/notification/types";
import { formatTimestamp } from "../formatTimestamp";

export type SqlQuery = { statement: string; params: JsonObject };

/** "t.c AS t_c, ..." as SQLAlchemy labels ORM columns. */
export function columnsOf(table: string, columns: readonly string[]): string {
  return columns.map((column) => `${table}.${column} AS ${table}_${column}`).join(", ");
}

/** Columns every OpenStack soft-delete model has (oslo.db's ModelBase + SoftDeleteMixin). */
export const SOFT_DELETE = ["created_at", "updated_at", "deleted_at", "deleted", "id"] as const;

/** An expanded IN list, "(%(name_1)s, %(name_2)s)", and its params. */
export function inList(name: string, values: readonly Json[]): { sql: string; params: JsonObject } {
  const params: JsonObject = {};
  const parts = values.map((value, i) => {
    params[`${name}_${i + 1}`] = value;
    return `%(${name}_${i + 1})s`;
  });
  return { sql: `(${parts.join(", ")})`, params };
}

/** "INSERT INTO t (a, b) VALUES (%(a)s, %(b)s)". */
export function insertInto(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map((c) => `%(${c})s`).join(", ")})`;
}

/** Python's datetime as oslo.serialization's to_primitive writes it into the notification. */
export function sqlTime(us: number): string {
  return formatTimestamp(us);
}
