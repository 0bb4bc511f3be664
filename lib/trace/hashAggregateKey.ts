// 64-bit FNV-1a of a text's UTF-16 units, as 16 hex digits: the indexed stand-in for an
// aggregate's key (a normalized statement can be longer than a btree entry may be). Not for
// security: a collision only merges two sums, and keys come from the trace's own spans.
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function hashAggregateKey(key: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < key.length; i++) hash = ((hash ^ BigInt(key.charCodeAt(i))) * PRIME) & MASK;
  return hash.toString(16).padStart(16, "0");
}
