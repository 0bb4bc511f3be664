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
  return type === "text" ? encodeTextColumn(rows, index) : encodeIntegerColumn(type, rows, index);
}

// Header: dimensions, has-nulls flag, element type, then the one dimension's length and lower bound.
const HEADER_BYTES = 20;
const NULL_LENGTH = -1;

function encodeTextColumn(rows: readonly (readonly unknown[])[], index: number): Buffer {
  const values: (string | null)[] = new Array<string | null>(rows.length);
  let hasNull = 0;
  for (let r = 0; r < rows.length; r++) {
    const value = rows[r]![index];
    if (value === null || value === undefined) {
      values[r] = null;
      hasNull = 1;
    } else if (typeof value === "string") values[r] = value;
    else throw new Error(`a text column's value is a ${typeof value}`);
  }
  // Most columns are ASCII (ids, hosts, the rests' JSON): then a text's bytes are its characters, and the
  // whole array is one string of byte-sized characters converted at once. A Buffer call per text cost
  // more than the JSON text's escaping saved (docs/benchmarks.md §76).
  const joined = values.join("");
  if (Buffer.byteLength(joined, "utf8") === joined.length) {
    const parts = [int32Chars(1), int32Chars(hasNull), int32Chars(ELEMENT_OID.text), int32Chars(rows.length), int32Chars(1)];
    for (const value of values) {
      if (value === null) parts.push(int32Chars(NULL_LENGTH));
      else parts.push(int32Chars(value.length), value);
    }
    return Buffer.from(parts.join(""), "latin1");
  }
  let size = HEADER_BYTES;
  // Buffer.byteLength and write agree on lone surrogates: each becomes U+FFFD's three bytes.
  for (const value of values) size += 4 + (value === null ? 0 : Buffer.byteLength(value, "utf8"));
  const out = Buffer.allocUnsafe(size);
  let at = writeHeader(out, ELEMENT_OID.text, rows.length, hasNull);
  for (const value of values) {
    if (value === null) {
      at = put32(out, at, NULL_LENGTH);
      continue;
    }
    const length = out.write(value, at + 4, "utf8");
    put32(out, at, length);
    at += 4 + length;
  }
  if (at !== size) throw new Error(`encoded ${at} bytes of ${size}`);
  return out;
}

function encodeIntegerColumn(type: "bigint" | "integer", rows: readonly (readonly unknown[])[], index: number): Buffer {
  const width = type === "bigint" ? 8 : 4;
  let size = HEADER_BYTES;
  let hasNull = 0;
  for (const row of rows) {
    const value = row[index];
    if (value === null || value === undefined) hasNull = 1;
    else if (typeof value !== "number" || !Number.isSafeInteger(value) || (width === 4 && (value | 0) !== value))
      throw new Error(`an ${type} column's value is ${String(value)}`);
    size += value === null || value === undefined ? 4 : 4 + width;
  }
  const out = Buffer.allocUnsafe(size);
  let at = writeHeader(out, ELEMENT_OID[type], rows.length, hasNull);
  for (const row of rows) {
    const value = row[index] as number | null | undefined;
    if (value === null || value === undefined) {
      at = put32(out, at, NULL_LENGTH);
      continue;
    }
    at = put32(out, at, width);
    if (width === 8) {
      const high = Math.floor(value / TWO_32);
      at = put32(out, at, high);
      at = put32(out, at, value - high * TWO_32);
    } else at = put32(out, at, value);
  }
  return out;
}

function writeHeader(out: Uint8Array, oid: number, length: number, hasNull: number): number {
  put32(out, 0, 1);
  put32(out, 4, hasNull);
  put32(out, 8, oid);
  put32(out, 12, length);
  return put32(out, 16, 1);
}

/** A 32-bit integer, big-endian, stored byte by byte (the JIT inlines these; Buffer's writeInt32BE is a call with checks). */
function put32(out: Uint8Array, at: number, value: number): number {
  out[at] = value >>> 24;
  out[at + 1] = value >>> 16;
  out[at + 2] = value >>> 8;
  out[at + 3] = value;
  return at + 4;
}

/** The four bytes of a 32-bit integer, big-endian, as characters of one byte each (for a latin1 conversion). */
function int32Chars(value: number): string {
  return String.fromCharCode((value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
}
