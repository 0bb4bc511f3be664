// What the trace page's data needs of a text too long to send whole (clipTraceTexts.ts), worked
// out once when the text is first stored (span_detail.clip, migration 0011) instead of on every
// GET of every trace that holds it: a detail text, or (migration 0012) the exception message of a
// span that raised. Sending a 64K statement clipped takes its whole length, a hash
// of its whole text (the clip mark), its normalizeSql shape and two labels, each of those clipped
// the same way: on a trace of 2,000 distinct 64K statements that was reading 128 MB from the
// database and ~4 s of hashing and normalizing per GET (docs/benchmarks.md §61, §66). Stored, the
// GET reads each such text's first DESCRIBED_HEAD_CHARS characters (SQL substr) and this.
//
// Each derived text is kept as its first DESCRIBED_HEAD_CHARS UTF-16 units, its length and its
// hash: enough to clip it at any length up to DESCRIBED_HEAD_CHARS exactly as clipWithMark
// clips the whole (a budget may clip shorter, never longer: TRACE_TEXT_LIMITS.displayChars).
//
// An exception message is only ever shown as itself, so it is described by its length and hash
// alone (describeLongMessage: a JSON array, where a detail's description is an object): its
// shape and labels would cost ~2-5 ms of normalizing per new 64K message for nothing
// (docs/benchmarks.md §69). A text stored that way and later used as a detail as well is read
// whole as a detail (describedDetail.ts), never clipped without the shape it lacks.
import { hashAggregateKey } from "./hashAggregateKey";
import { labelDetail } from "./labelCall";
import { normalizeSql } from "./normalizeSql";

/** A text longer than this is described when stored; clipping reads at most this many of its units. */
export const DESCRIBED_HEAD_CHARS = 4000;

/** A text cut to its first DESCRIBED_HEAD_CHARS units, with its whole length and hash. */
export type KnownText = { head: string; length: number; hash: string };

/**
 * A long text as the GET of a trace reads it: the text, its shape as a statement, its labels as a
 * statement and as a call (null for a message's description, which has the text alone).
 */
export type LongTextDescription = { text: KnownText; shape: KnownText | null; sqlLabel: KnownText | null; label: KnownText | null };

type StoredPart = [head: string, length: number, hash: string];
type Stored = { n: number; h: string; s: StoredPart; q: StoredPart; c: StoredPart };
/** describeLongMessage's: the text's length and hash. */
type StoredText = [length: number, hash: string];

/**
 * The description to store beside `text` (JSON), or null for a text short enough to be sent whole.
 * `knownShape`: normalizeSql(text) when the caller has it already (the batch's plan normalized
 * every statement of a db span for its sums: planTraceAggregates.ts), which spares normalizing a
 * 64K text twice (~half of what describing costs).
 */
export function describeLongText(text: string, knownShape?: string): string | null {
  if (text.length <= DESCRIBED_HEAD_CHARS) return null;
  const shape = knownShape ?? normalizeSql(text);
  const stored: Stored = {
    n: text.length,
    h: hashAggregateKey(text),
    s: storePart(shape),
    q: storePart(labelDetail(text, true, shape)),
    c: storePart(labelDetail(text, false)),
  };
  return JSON.stringify(stored);
}

/** The description to store beside an exception message (JSON), or null for one short enough to be sent whole: its length and hash. */
export function describeLongMessage(text: string): string | null {
  if (text.length <= DESCRIBED_HEAD_CHARS) return null;
  const stored: StoredText = [text.length, hashAggregateKey(text)];
  return JSON.stringify(stored);
}

function storePart(text: string): StoredPart {
  return [text.slice(0, DESCRIBED_HEAD_CHARS), text.length, hashAggregateKey(text)];
}

/** The stored description read back, `head` being the text's first DESCRIBED_HEAD_CHARS units or more. */
export function parseLongTextDescription(json: string, head: string): LongTextDescription {
  const stored = JSON.parse(json) as Stored | StoredText;
  if (Array.isArray(stored)) {
    const [length, hash] = stored;
    return { text: { head: head.slice(0, DESCRIBED_HEAD_CHARS), length, hash }, shape: null, sqlLabel: null, label: null };
  }
  const part = ([h, length, hash]: StoredPart): KnownText => ({ head: h, length, hash });
  return {
    text: { head: head.slice(0, DESCRIBED_HEAD_CHARS), length: stored.n, hash: stored.h },
    shape: part(stored.s),
    sqlLabel: part(stored.q),
    label: part(stored.c),
  };
}
