// 64-bit FNV-1a of a text's UTF-16 units, as 16 hex digits: the indexed stand-in for an
// aggregate's key (a normalized statement can be longer than a btree entry may be). Not for
// security: a collision only merges two sums, and keys come from the trace's own spans.
//
// Computed in four 16-bit limbs with plain numbers: every ingested span hashes its call key and
// its statement, and the BigInt form (one BigInt per character) was 1-2% of the collector's CPU.
// The prime is 2^40 + 0x1b3, so a multiplication is h * 0x1b3 + (h << 40), each limb product
// staying far below 2^53. Stored hashes depend on this exact output (tests compare with BigInt).
export function hashAggregateKey(key: string): string {
  // Offset basis 0xcbf29ce484222325, least significant limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < key.length; i++) {
    h0 ^= key.charCodeAt(i);
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + h1 * 0x100 + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return hex4(h3) + hex4(h2) + hex4(h1) + hex4(h0);
}

function hex4(limb: number): string {
  return limb.toString(16).padStart(4, "0");
}
