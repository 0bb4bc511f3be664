// Span ids of a whole trace, numbered in the order they are added, in ~24 bytes each: a
// million-span trace's ids as JavaScript strings (and a Map over them) would take ~150 MB,
// more than the streamed export may hold. OSprofiler ids are UUIDs (the boundary validates them),
// so a lower-case UUID is kept as 16 bytes and found through an open-addressing hash of those
// bytes; any other text (upper-case, or tests' short ids) is kept as a string, so every id works.
// The hash's slots are 8 more bytes a span: a table that is only read back by number (a column
// of parent ids) is made without them, and a plan drops them once it has found what it needed.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EMPTY = -1;

export type SpanIdTable = {
  /** Numbers `id` (0, 1, 2, ...); returns its number. An id added twice gets two numbers; find gives the first. */
  add(id: string): number;
  /** The first number given to `id`, or -1; throws on a table made without its index, or after dropIndex. */
  find(id: string): number;
  /** Lets the index go (find no longer works); numbers, idOf and compare stay. */
  dropIndex(): void;
  /** The id numbered `k`. */
  idOf(k: number): string;
  /** The ids numbered `a` and `b` compared as texts (<0, 0, >0), without writing them out when both are packed. */
  compare(a: number, b: number): number;
  readonly size: number;
};

/** `indexed: false`: ids numbered and given back, never found (no hash slots). */
export function createSpanIdTable(expected = 1024, options: { indexed?: boolean } = {}): SpanIdTable {
  let indexed = options.indexed !== false;
  let words = new Uint32Array(4 * Math.max(16, expected));
  let slots = new Int32Array(indexed ? capacityFor(Math.max(16, expected)) : 0).fill(EMPTY);
  const texts = new Map<number, string>(); // ids that are not lower-case UUIDs, by number
  const firstOfText = new Map<string, number>();
  let size = 0;
  const packed = new Uint32Array(4);
  const idOf = (k: number): string => texts.get(k) ?? unpack(words, 4 * k);

  const probe = (w: Uint32Array, at: number): number => {
    const mask = slots.length - 1;
    for (let slot = hash(w, at) & mask; ; slot = (slot + 1) & mask) {
      const k = slots[slot]!;
      if (
        k === EMPTY ||
        (words[4 * k] === w[at] && words[4 * k + 1] === w[at + 1] && words[4 * k + 2] === w[at + 2] && words[4 * k + 3] === w[at + 3])
      )
        return slot;
    }
  };
  const rehash = () => {
    slots = new Int32Array(slots.length * 2).fill(EMPTY);
    for (let k = 0; k < size; k++) {
      if (texts.has(k)) continue;
      const slot = probe(words, 4 * k);
      if (slots[slot] === EMPTY) slots[slot] = k;
    }
  };

  return {
    add(id) {
      const k = size;
      if (4 * (k + 1) > words.length) {
        const grown = new Uint32Array(words.length * 2);
        grown.set(words);
        words = grown;
      }
      if (pack(id, words, 4 * k)) {
        size++;
        if (!indexed) return k;
        const slot = probe(words, 4 * k);
        if (slots[slot] === EMPTY) {
          slots[slot] = k;
          if (2 * size > slots.length) rehash();
        }
      } else {
        size++;
        texts.set(k, id);
        if (indexed && !firstOfText.has(id)) firstOfText.set(id, k);
      }
      return k;
    },
    find(id) {
      if (!indexed) throw new Error("createSpanIdTable: find on a table without its index");
      if (!pack(id, packed, 0)) return firstOfText.get(id) ?? -1;
      return slots[probe(packed, 0)]!;
    },
    dropIndex() {
      indexed = false;
      slots = new Int32Array(0);
      firstOfText.clear();
    },
    idOf,
    compare(a, b) {
      if (texts.has(a) || texts.has(b)) {
        const x = idOf(a),
          y = idOf(b);
        return x < y ? -1 : x > y ? 1 : 0;
      }
      // Lower-case hex digits at fixed places: text order is the order of the words as numbers.
      for (let w = 0; w < 4; w++) if (words[4 * a + w] !== words[4 * b + w]) return words[4 * a + w]! < words[4 * b + w]! ? -1 : 1;
      return 0;
    },
    get size() {
      return size;
    },
  };
}

function capacityFor(n: number): number {
  let c = 16;
  while (c < 2 * n) c *= 2;
  return c;
}

function hash(w: Uint32Array, at: number): number {
  // Random UUIDs: their bits are already spread; mix the words anyway for ids that are not random.
  let h = Math.imul(w[at]! ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ w[at + 1]! ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ w[at + 2]! ^ (h >>> 16), 0x85ebca6b);
  h ^= w[at + 3]! ^ (h >>> 13);
  return h >>> 0;
}

function pack(id: string, into: Uint32Array, at: number): boolean {
  if (id.length !== 36 || !UUID.test(id)) return false;
  into[at] = parseInt(id.slice(0, 8), 16);
  into[at + 1] = parseInt(id.slice(9, 13) + id.slice(14, 18), 16);
  into[at + 2] = parseInt(id.slice(19, 23) + id.slice(24, 28), 16);
  into[at + 3] = parseInt(id.slice(28, 36), 16);
  return true;
}

function unpack(w: Uint32Array, at: number): string {
  const a = hex8(w[at]!),
    b = hex8(w[at + 1]!),
    c = hex8(w[at + 2]!),
    d = hex8(w[at + 3]!);
  return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, "0");
}
