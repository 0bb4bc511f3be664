import { describe, expect, it } from "vitest";
import { createRandom } from "./createRandom";

const draw = (seed: number | string, n: number) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.uint32());
};

describe("createRandom", () => {
  it("repeats itself exactly for the same seed and differs for another", () => {
    expect(draw(42, 1000)).toEqual(draw(42, 1000));
    expect(draw("boot", 1000)).toEqual(draw("boot", 1000));
    expect(draw(42, 1000)).not.toEqual(draw(43, 1000));
    expect(draw("boot", 1000)).not.toEqual(draw("boot2", 1000));
  });

  it("spreads floats evenly over [0, 1)", () => {
    const random = createRandom(7);
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = random.next();
      if (!(x >= 0 && x < 1)) outside++;
      else buckets[Math.floor(x * 10)]!++;
    }
    expect(outside).toBe(0);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500); // > 5 sigma
  });

  it("keeps int() inside its inclusive bounds and reaches both ends", () => {
    const random = createRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(random.int(2, 5));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it("makes version-4 UUIDs and 32-digit hex ids as Python's uuid4 does", () => {
    const random = createRandom(11);
    const ids = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const uuid = random.uuid();
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(random.hex32()).toMatch(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
      ids.add(uuid);
    }
    expect(ids.size).toBe(5_000);
  });

  it("forks streams that do not depend on how much the parent drew", () => {
    const a = createRandom(5),
      b = createRandom(5);
    b.uint32();
    b.uint32();
    const fromA = a.fork("trace 1"),
      fromB = b.fork("trace 1");
    expect(Array.from({ length: 50 }, () => fromA.uint32())).toEqual(Array.from({ length: 50 }, () => fromB.uint32()));
    expect(createRandom(5).fork("trace 2").uint32()).not.toBe(createRandom(5).fork("trace 1").uint32());
  });

  it("keeps log-normal draws in their clamp with the median in the middle", () => {
    const random = createRandom(9);
    const values = Array.from({ length: 20_001 }, () => random.logNormal(400, 0.7, 50, 30_000)).sort((x, y) => x - y);
    expect(values[0]).toBeGreaterThanOrEqual(50);
    expect(values[values.length - 1]).toBeLessThanOrEqual(30_000);
    expect(values[10_000]).toBeGreaterThan(380);
    expect(values[10_000]).toBeLessThan(420);
  });
});
