// An exception type (OSprofiler's etype) is a class name, a few dozen characters, but ingest
// takes any string up to 64K (OSTRACE_MAX_STRING_CHARS) and writes non-strings out as JSON. The
// span's error_type column is a group key of the trace page's read and a string of its trace, so
// 2,000 distinct 64K types cost seconds of every GET (docs/benchmarks.md §69, §74). The column
// holds a longer one as its start and a mark with its whole length and hash: distinct types stay
// distinct (the page's error breakdowns count them apart), the start is what a search types. The
// stop's payload keeps the whole type (the span API and the exports read it from there).
import { hashAggregateKey } from "./hashAggregateKey";

/** The longest exception type stored whole; a longer one is stored as its start and a mark, within this length. */
export const ERROR_TYPE_MAX_CHARS = 1000;
const KEPT_CHARS = 900;

/** `type` as the error_type column holds it (an already bounded one unchanged). */
export function boundErrorType<T extends string | null>(type: T): T {
  if (type === null || type.length <= ERROR_TYPE_MAX_CHARS) return type;
  return `${type.slice(0, keptChars(type))}${mark(type.length, hashAggregateKey(type))}` as T;
}

/**
 * The length of boundErrorType(type), without its hash: the byte cap measures each written row
 * twice (lib/ingest/measureSpanRow.ts, for the trace cap and the trace's stored bytes), besides
 * the write's own bound, and hashing a 64K type cost 0.4-1.3 ms each time, as much as parsing the
 * payload that brought it.
 */
export function boundErrorTypeLength(type: string | null): number {
  if (type === null) return 0;
  if (type.length <= ERROR_TYPE_MAX_CHARS) return type.length;
  return keptChars(type) + mark(type.length, "").length + HASH_CHARS;
}

/** How much of a longer type is kept: never half a surrogate pair. */
function keptChars(type: string): number {
  const last = type.charCodeAt(KEPT_CHARS - 1);
  return last >= 0xd800 && last <= 0xdbff ? KEPT_CHARS - 1 : KEPT_CHARS;
}

const mark = (length: number, hash: string) => `…[exception type of ${length} characters, #${hash}]`;

/** hashAggregateKey gives as many hex digits for every text. */
const HASH_CHARS = hashAggregateKey("").length;
