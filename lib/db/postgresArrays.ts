// PostgreSQL's write path with each column bound as one array in PostgreSQL's binary form, unpacked
// by `unnest`, where it bound the whole batch as one JSON text unpacked by `jsonb_array_elements`
// and `->>` (sql.ts: selectJsonRows). The binary form needs no escaping on either side: a text is
// its UTF-8 bytes after a length, an integer its 4 or 8 bytes. node-postgres sends a Buffer
// parameter in binary format, and the cast in the statement (`$1::text[]`) types it for the
// server's array_recv. One parameter a column, so no 65,535-parameter limit either.
import type { Column } from "./sql";

const ELEMENT_OID = { text: 25, bigint: 20, integer: 23 } as const;
const TWO_32 = 2 ** 32;

/**
 * `SELECT <columns> FROM unnest($1::text[], ...)`: one row per position of the arrays bound by
 * encodeColumns, named as `columns` are.
 */
export function selectArrayRows(columns: readonly Column[]): string {
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ");
  return `SELECT * FROM unnest(${arrays}) AS r(${columns.map((c) => `"${c.name}"`).join(", ")})`;
}

/** One binary array parameter for each of `columns`, from rows that hold the columns' values in order. */
export function encodeColumns(columns: readonly Column[], rows: readonly (readonly unknown[])[]): Buffer[] {
  return columns.map((c, i) => encodeColumn(c.type, rows, i));
}

function encodeColumn(type: Column["type"], rows: readonly (readonly unknown[])[], index: number): Buffer {
  // Header: dimensions, has-nulls flag, element type, then the one dimension's length and lower bound.
  let size = 20;
  let hasNull = 0;
  const texts: (string | null)[] = [];
  for (const row of rows) {
    const value = row[index];
    if (value === null || value === undefined) {
      hasNull = 1;
      size += 4;
      if (type === "text") texts.push(null);
    } else if (type === "text") {
      if (typeof value !== "string") throw new Error(`a text column's value is a ${typeof value}`);
      texts.push(value);
      // Buffer.byteLength and write agree on lone surrogates: each becomes U+FFFD's three bytes.
      size += 4 + Buffer.byteLength(value, "utf8");
    } else {
      size += type === "bigint" ? 12 : 8;
    }
  }
  const out = Buffer.allocUnsafe(size);
  out.writeInt32BE(1, 0);
  out.writeInt32BE(hasNull, 4);
  out.writeUInt32BE(ELEMENT_OID[type], 8);
  out.writeInt32BE(rows.length, 12);
  out.writeInt32BE(1, 16);
  let at = 20;
  for (let r = 0; r < rows.length; r++) {
    const value = type === "text" ? texts[r] : rows[r]![index];
    if (value === null || value === undefined) {
      at = out.writeInt32BE(-1, at);
    } else if (type === "text") {
      const length = out.write(value as string, at + 4, "utf8");
      out.writeInt32BE(length, at);
      at += 4 + length;
    } else {
      at = writeInteger(out, at, type, value);
    }
  }
  if (at !== size) throw new Error(`encoded ${at} bytes of ${size}`);
  return out;
}

function writeInteger(out: Buffer, at: number, type: "bigint" | "integer", value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) throw new Error(`an integer column's value is ${String(value)}`);
  at = out.writeInt32BE(4 * (type === "bigint" ? 2 : 1), at);
  if (type === "integer") return out.writeInt32BE(value, at);
  const high = Math.floor(value / TWO_32);
  at = out.writeInt32BE(high, at);
  return out.writeUInt32BE(value - high * TWO_32, at);
}
