// A small seeded PRNG so that every synthetic run is reproducible: same seed, same traffic,
// byte for byte. sfc32 (Chris Doty-Humphrey's "small fast counter") seeded through splitmix32:
// 128 bits of state, passes PractRand far beyond what we draw, and a draw is four integer ops.

export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** An unsigned 32-bit integer. */
  uint32(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  between(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Weighted pick: weights need not sum to 1. */
  pickWeighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Log-normal around a median (sigma in natural-log units), clamped to [min, max]. */
  logNormal(median: number, sigma: number, min: number, max: number): number;
  /** Exponential with the given mean (Poisson inter-arrival times). */
  exponential(mean: number): number;
  /** A version-4 UUID in canonical lower-case form, as Python's str(uuid.uuid4()). */
  uuid(): string;
  /** 32 hex digits, as Python's uuid.uuid4().hex (keystone ids, oslo's _unique_id). */
  hex32(): string;
  /** An independent stream derived from this one's seed and a label, unaffected by later draws here. */
  fork(label: string): Random;
};

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function createRandom(seed: number | string): Random {
  return fromSeed(typeof seed === "number" ? seed >>> 0 : hashString(seed));
}

function fromSeed(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix(),
    b = splitmix(),
    c = splitmix(),
    d = splitmix();

  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  const next = () => uint32() / 4294967296;
  const bytes4 = (x: number) => HEX[x >>> 24]! + HEX[(x >>> 16) & 255]! + HEX[(x >>> 8) & 255]! + HEX[x & 255]!;

  const random: Random = {
    next,
    uint32,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (p) => p > 0 && next() < p,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    pickWeighted: (items) => {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    logNormal: (median, sigma, min, max) => {
      // Box-Muller; 1 - next() keeps log() away from zero.
      const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return Math.min(max, Math.max(min, median * Math.exp(sigma * normal)));
    },
    exponential: (mean) => -mean * Math.log(1 - next()),
    uuid: () => {
      const x = uint32(),
        y = uint32(),
        z = uint32(),
        w = uint32();
      const h = bytes4(x),
        i = bytes4(y),
        k = bytes4(z);
      // Version nibble 4, variant bits 10xx, as uuid4() sets them.
      return `${h}-${i.slice(0, 4)}-4${i.slice(5, 8)}-${HEX[0x80 | ((z >>> 24) & 0x3f)]}${k.slice(2, 4)}-${k.slice(4)}${bytes4(w)}`;
    },
    hex32: () => {
      const x = uint32(),
        y = uint32(),
        z = uint32(),
        w = uint32();
      return `${bytes4(x)}${bytes4(y).slice(0, 4)}4${bytes4(y).slice(5)}${HEX[0x80 | ((z >>> 24) & 0x3f)]}${bytes4(z).slice(2)}${bytes4(w)}`;
    },
    fork: (label) => fromSeed(hashString(label, seed)),
  };
  return random;
}

/** FNV-1a then a murmur finalizer: different labels give unrelated streams. */
function hashString(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
