// The texts of a trace as the browser receives them (the compact trace): each at most a display
// length, and all of them together within a budget. Ingest keeps strings of up to 64K characters
// (OSTRACE_MAX_STRING_CHARS), so a trace of many distinct long statements would otherwise send
// its whole text, hundreds of MB or more, to a page that holds all of it.
//
// Grouping stays exact. A clipped text ends in a mark with its whole length and a hash of the
// whole text, so distinct texts stay distinct (kinds, breakdowns, legends compare texts or
// indices). What the page derives from a statement's whole text (its shape for the DB breakdown
// and N+1, its call label for findings and compare) is computed here from the whole text and
// carried beside it (Trace.clippedTexts), bounded the same way.
//
// A stored text long enough to be clipped always comes with its description, worked out when it
// was stored (describeLongText.ts): the trace then holds a stand-in for it (`described`), and
// clipping reads the description instead of hashing and normalizing the whole text, to the
// same characters. Texts stored before that description existed come whole, as before.
import { CLIP_MARK } from "./clipMark";
import { DESCRIBED_HEAD_CHARS, type KnownText, type LongTextDescription } from "./describeLongText";
import { hashAggregateKey } from "./hashAggregateKey";
import { DB_SPAN_NAMES } from "./createTraceView";
import { labelDetail } from "./labelCall";
import { normalizeSql } from "./normalizeSql";
import type { ClippedText, Trace } from "./types";

export type TextLimits = {
  /** A text longer than this is clipped. */
  displayChars: number;
  /** About the most characters of text (strings and derived keys) a trace carries; past it, every text is clipped shorter. */
  budgetChars: number;
  /** ...but never below this. */
  minChars: number;
};

/**
 * 4,000: a statement of a few dozen lines in the details panel (which loads the whole text when
 * it is longer), 20 times what a row shows (ROW_TEXT_MAX), and what search and tooltips read.
 * 16M characters: ~40 times the texts of an everyday 10k-span trace, a few seconds to receive on
 * a slow link and ~32 MB in the page. 200: what a row shows, so a row never changes.
 */
export const TRACE_TEXT_LIMITS: TextLimits = { displayChars: 4000, budgetChars: 16 * 1024 * 1024, minChars: 200 };

/** Names the rules in the compact trace's ETag: other limits give other bytes. */
export const TEXT_LIMITS_TAG = `clip${TRACE_TEXT_LIMITS.displayChars}-${TRACE_TEXT_LIMITS.budgetChars}-${TRACE_TEXT_LIMITS.minChars}`;

/** Its first `maxChars` characters (never splitting a surrogate pair) and the mark, e.g. "SELECT … …[clipped for display: 65536 characters, #0123456789abcdef]". */
export function clipWithMark(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return markClipped(text, text.length, hashAggregateKey(text), maxChars);
}

/** clipWithMark of a text known by its start, length and hash (describeLongText.ts). */
function clipKnownText({ head, length, hash }: KnownText, maxChars: number): string {
  return length <= maxChars ? head : markClipped(head, length, hash, maxChars);
}

/** `head`: the text's first `maxChars` units or more. */
function markClipped(head: string, length: number, hash: string, maxChars: number): string {
  let keep = maxChars;
  const last = head.charCodeAt(keep - 1);
  if (last >= 0xd800 && last <= 0xdbff) keep--;
  return `${head.slice(0, keep)}${CLIP_MARK}${length} characters, #${hash}]`;
}

/**
 * The trace with its texts clipped (the same object when none is too long). `described`: by the
 * stand-in a trace string holds for it, a stored long text's description.
 */
export function clipTraceTexts(
  trace: Trace,
  limits: TextLimits = TRACE_TEXT_LIMITS,
  described: ReadonlyMap<string, LongTextDescription> = NONE,
): Trace {
  const { strings } = trace;
  if (described.size > 0 && limits.displayChars > DESCRIBED_HEAD_CHARS)
    throw new Error(
      `clipTraceTexts: texts described by their first ${DESCRIBED_HEAD_CHARS} characters cannot be clipped at ${limits.displayChars}`,
    );
  const lengths = strings.map((text) => described.get(text)?.text.length ?? text.length);
  const usage = readDetailUsage(trace);
  const level = findClipLength(lengths, usage, limits);
  if (!lengths.some((length) => length > level)) return trace;
  const clipped = new Map<string, ClippedText>();
  // A described detail's stand-in and the same text read whole (another span's exception message)
  // are two strings clipped to one: what either derived is kept, as for one string used both ways.
  const keep = (short: string, entry: ClippedText) => {
    const other = clipped.get(short);
    clipped.set(
      short,
      other === undefined
        ? entry
        : { ...entry, shape: entry.shape ?? other.shape, sqlLabel: entry.sqlLabel ?? other.sqlLabel, label: entry.label ?? other.label },
    );
  };
  const out = strings.map((text, s) => {
    if (lengths[s]! <= level) return text;
    const u = usage[s]!;
    const known = described.get(text);
    if (known !== undefined) {
      const short = clipKnownText(known.text, level);
      keep(short, {
        length: known.text.length,
        shape: u & USED_AS_SQL ? clipKnownText(derived(known.shape), level) : null,
        sqlLabel: u & USED_AS_SQL ? clipKnownText(derived(known.sqlLabel), level) : null,
        label: u & USED_AS_CALL ? clipKnownText(derived(known.label), level) : null,
      });
      return short;
    }
    const short = clipWithMark(text, level);
    const shape = u & USED_AS_SQL ? normalizeSql(text) : null;
    keep(short, {
      length: text.length,
      shape: shape === null ? null : clipWithMark(shape, level),
      sqlLabel: shape === null ? null : clipWithMark(labelDetail(text, true, shape), level),
      label: u & USED_AS_CALL ? clipWithMark(labelDetail(text, false), level) : null,
    });
    return short;
  });
  return { ...trace, strings: out, clippedTexts: clipped };
}

const NONE: ReadonlyMap<string, LongTextDescription> = new Map();

/** A described text's shape or label; a message's description has none, and its reader never lets it stand for a detail (lib/db/describedDetail.ts). */
function derived(part: KnownText | null): KnownText {
  if (part === null) throw new Error("clipTraceTexts: a text described as a message alone is used as a detail");
  return part;
}

const USED_AS_SQL = 1,
  USED_AS_CALL = 2;

/** By string: whether some db span has it as its statement, and some other span as its detail. */
function readDetailUsage(trace: Trace): Uint8Array {
  const usage = new Uint8Array(trace.strings.length);
  const isDb = trace.strings.map((s) => DB_SPAN_NAMES.has(s));
  for (let i = 0; i < trace.size; i++) {
    const d = trace.detail[i]!;
    if (d >= 0) usage[d]! |= isDb[trace.name[i]!] ? USED_AS_SQL : USED_AS_CALL;
  }
  return usage;
}

/** Characters a mark takes at most: "…[clipped for display: 65536 characters, #0123456789abcdef]". */
const MARK_CHARS = CLIP_MARK.length + 40;

/**
 * The longest clip length within the budget, counting for a clipped text its mark and its derived
 * keys at their longest (shape and label of a statement, label of another detail).
 */
function findClipLength(lengths: number[], usage: Uint8Array, limits: TextLimits): number {
  const cost = (level: number) => {
    let chars = 0;
    for (let s = 0; s < lengths.length; s++) {
      const length = lengths[s]!;
      const texts = 1 + (usage[s]! & USED_AS_SQL ? 2 : 0) + (usage[s]! & USED_AS_CALL ? 1 : 0);
      chars += length <= level ? length : (level + MARK_CHARS) * texts;
    }
    return chars;
  };
  if (cost(limits.displayChars) <= limits.budgetChars) return limits.displayChars;
  let low = limits.minChars,
    high = limits.displayChars;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (cost(mid) <= limits.budgetChars) low = mid;
    else high = mid - 1;
  }
  return low;
}
