import { describe, expect, it } from "vitest";
import { createTextMap, TEXT_MAP_PIECE_CHARS } from "./createTextMap";

const P = TEXT_MAP_PIECE_CHARS;

/** The same text as another string object (a copy, not the literal V8 may share). */
function copyOf(text: string): string {
  return text.split("").join("");
}

describe("createTextMap", () => {
  it("finds texts of every length, at and around the piece boundaries, by value", () => {
    const lengths = [0, 1, P - 1, P, P + 1, 2 * P - 1, 2 * P, 2 * P + 1, 65_536];
    const texts = lengths.map((n, i) => String.fromCharCode(97 + i).repeat(n));
    const map = createTextMap<number>();
    texts.forEach((t, i) => map.set(t, i));
    expect(map.size).toBe(texts.length);
    texts.forEach((t, i) => {
      expect(map.get(copyOf(t))).toBe(i);
      expect(map.has(copyOf(t))).toBe(true);
    });
    expect(map.has("b".repeat(P + 2))).toBe(false);
    expect(map.get("z".repeat(3 * P))).toBeUndefined();
  });

  it("keeps long texts of one length apart however long their shared prefix, past the few compared one by one", () => {
    const prefix = "x".repeat(60_000);
    const texts = Array.from({ length: 40 }, (_, i) => `${prefix}${String(i).padStart(4, "0")}`);
    const map = createTextMap<number>();
    texts.forEach((t, i) => map.set(t, i));
    expect(map.size).toBe(40);
    texts.forEach((t, i) => expect(map.get(copyOf(t))).toBe(i));
    // A prefix of a stored text, or a text one piece longer, is another text.
    expect(map.has(prefix)).toBe(false);
    expect(map.has(`${texts[0]}${"y".repeat(P)}`)).toBe(false);
    expect([...map.keys()]).toEqual(texts);
  });

  it("answers as a plain Map over random texts, lengths and repeats (sets, updates, gets, keys in order)", () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
    // A few lengths, each with a few dozen texts that differ in one character near either end or
    // in the middle: many long texts per length, the case that leaves the one-by-one Map.
    const base = (len: number) => "s".repeat(len);
    const pool: string[] = [];
    for (const len of [5, P, P + 3, 2 * P + 7, 40_000]) {
      for (let k = 0; k < 30; k++) {
        const at = [0, len - 1, len >> 1][k % 3]!;
        pool.push(`${base(len).slice(0, at)}${String.fromCharCode(65 + (k % 26))}${base(len).slice(at + 1)}`);
      }
    }
    const model = new Map<string, number>();
    const map = createTextMap<number>();
    for (let step = 0; step < 3_000; step++) {
      const text = copyOf(pool[random(pool.length)]!);
      if (random(3) === 0) {
        expect(map.get(text)).toBe(model.get(text));
        expect(map.has(text)).toBe(model.has(text));
      } else {
        model.set(text, step);
        map.set(text, step);
      }
    }
    expect(map.size).toBe(model.size);
    expect([...map.keys()]).toEqual([...model.keys()]);
    for (const [text, value] of model) expect(map.get(text)).toBe(value);
  });

  it("interns 2,000 distinct 64K texts of one length sharing a 60K prefix about as fast as ones that differ at their start", () => {
    // A plain Map took 33 s here against ~24 ms for texts differing at their start (V8 hashes such
    // strings by their length: docs/benchmarks.md §60). Timed against those, so load cancels.
    const prefix = "x".repeat(60_000);
    const shared = Array.from({ length: 2_000 }, (_, i) => prefix + String(i).padStart(5_536, "0"));
    const differing = Array.from({ length: 2_000 }, (_, i) => i.toString(36).padStart(3, "0") + prefix + "0".repeat(5_533));
    const fill = (texts: string[]) => {
      const started = performance.now();
      const map = createTextMap<number>();
      texts.forEach((t, i) => map.set(t, i));
      const found = texts.filter((t, i) => map.get(t) === i).length;
      return { found, ms: performance.now() - started };
    };
    const baseline = Math.min(fill(differing).ms, fill(differing).ms);
    const { found, ms } = fill(shared);
    expect(found).toBe(2_000);
    expect(ms).toBeLessThan(20 * Math.max(baseline, 5));
  });
});
