// V8 hashes a string of more than 16,383 characters by its length alone, so in a plain Map every
// distinct long text of one length falls into one bucket, and a lookup compares it with each of
// the others from their first character. A statement or name from the wire may be 64K
// characters: 2,000 distinct ones of one length sharing a 60K prefix took 33 s to intern that way
// (docs/benchmarks.md §56, §60), hostile input costing a batch or a page half a minute. Here the
// long texts of one length stay in a Map of their own while they are few (one compare of equal
// texts, as fast as a plain Map for a statement repeated on every span); past a few, they are
// found piece by piece instead, one Map level per piece, each piece short enough to be hashed in
// full, so a lookup costs a few hashes of its own characters whatever the other texts are.

/** Characters of a piece: under V8's limit for a full hash (16,383). */
export const TEXT_MAP_PIECE_CHARS = 16_000;

/** Distinct long texts of one length compared one by one before they are found by pieces. */
const FEW = 8;

/** A Map keyed by texts of any length: get, set, has, size, and the keys in insertion order. */
export type TextMap<V> = {
  get(text: string): V | undefined;
  set(text: string, value: V): void;
  has(text: string): boolean;
  readonly size: number;
  keys(): IterableIterator<string>;
};

type Node<V> = { value: V | undefined; stored: boolean; next: Map<string, Node<V>> | null };
/** The long texts of one length: `few` while they are few, then `pieces`. */
type SameLength<V> = { few: Map<string, V> | null; pieces: Map<string, Node<V>> };

export function createTextMap<V>(): TextMap<V> {
  const short = new Map<string, V>();
  const long = new Map<number, SameLength<V>>();
  const order: string[] = [];
  const get = (text: string): V | undefined => {
    if (text.length <= TEXT_MAP_PIECE_CHARS) return short.get(text);
    const same = long.get(text.length);
    if (!same) return undefined;
    return same.few ? same.few.get(text) : findPiece(same.pieces, text, false)?.value;
  };
  const has = (text: string): boolean => {
    if (text.length <= TEXT_MAP_PIECE_CHARS) return short.has(text);
    const same = long.get(text.length);
    if (!same) return false;
    return same.few ? same.few.has(text) : findPiece(same.pieces, text, false)?.stored === true;
  };
  const set = (text: string, value: V): void => {
    if (!has(text)) order.push(text);
    if (text.length <= TEXT_MAP_PIECE_CHARS) return void short.set(text, value);
    let same = long.get(text.length);
    if (!same) long.set(text.length, (same = { few: new Map(), pieces: new Map() }));
    if (same.few && (same.few.size < FEW || same.few.has(text))) return void same.few.set(text, value);
    if (same.few) {
      for (const [t, v] of same.few) storePiece(same.pieces, t, v);
      same.few = null;
    }
    storePiece(same.pieces, text, value);
  };
  return {
    get,
    has,
    set,
    get size() {
      return order.length;
    },
    keys: () => order.values(),
  };
}

function storePiece<V>(pieces: Map<string, Node<V>>, text: string, value: V): void {
  const node = findPiece(pieces, text, true)!;
  node.value = value;
  node.stored = true;
}

/** The node of `text` in the piece tree, made on the way when `create`. */
function findPiece<V>(pieces: Map<string, Node<V>>, text: string, create: boolean): Node<V> | undefined {
  let level = pieces;
  let node: Node<V> | undefined;
  for (let at = 0; at < text.length; at += TEXT_MAP_PIECE_CHARS) {
    if (node) {
      if (!node.next) {
        if (!create) return undefined;
        node.next = new Map();
      }
      level = node.next;
    }
    const piece = text.slice(at, at + TEXT_MAP_PIECE_CHARS);
    let next = level.get(piece);
    if (!next) {
      if (!create) return undefined;
      level.set(piece, (next = { value: undefined, stored: false, next: null }));
    }
    node = next;
  }
  return node;
}
