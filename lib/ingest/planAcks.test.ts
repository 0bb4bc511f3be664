import { describe, expect, it } from "vitest";
import { planAcks } from "./planAcks";

type D = { tag: number; kept?: boolean };
const tagOf = (d: D) => d.tag;
const keep = (d: D) => d.kept === true;
const tags = (plan: { upTo: D | null; each: D[]; hold: D[] }) => ({
  upTo: plan.upTo?.tag ?? null,
  each: plan.each.map(tagOf),
  hold: plan.hold.map(tagOf),
});

describe("planAcks", () => {
  it("acks the whole batch with one multiple ack when nothing is kept", () => {
    expect(tags(planAcks([{ tag: 3 }, { tag: 1 }, { tag: 2 }], tagOf, keep, 0))).toEqual({ upTo: 3, each: [], hold: [] });
  });

  it("acks up to just below the first kept delivery at once, and holds the acked ones above it while they fit", () => {
    const batch: D[] = [{ tag: 1 }, { tag: 2 }, { tag: 3, kept: true }, { tag: 4 }, { tag: 5, kept: true }, { tag: 6 }];
    expect(tags(planAcks(batch, tagOf, keep, 2))).toEqual({ upTo: 2, each: [], hold: [4, 6] });
  });

  it("acks the ones above the first kept delivery one by one when holding them would exceed the limit", () => {
    const batch: D[] = [{ tag: 1 }, { tag: 2 }, { tag: 3, kept: true }, { tag: 4 }, { tag: 5, kept: true }, { tag: 6 }];
    expect(tags(planAcks(batch, tagOf, keep, 1))).toEqual({ upTo: 2, each: [4, 6], hold: [] });
  });

  it("covers the held deliveries with the next multiple ack once the carried one below them commits", () => {
    // Batch N kept 3 and held 4 and 6; batch N+1 brings 3 again with 7 and 8, and commits them all.
    const next: D[] = [{ tag: 3 }, { tag: 7 }, { tag: 8 }, { tag: 4 }, { tag: 6 }];
    expect(tags(planAcks(next, tagOf, keep, 2))).toEqual({ upTo: 8, each: [], hold: [] });
  });

  it("holds everything above a carried delivery that rejoins the batch first and is kept again", () => {
    const batch: D[] = [{ tag: 2, kept: true }, { tag: 7 }, { tag: 8 }, { tag: 3 }];
    expect(tags(planAcks(batch, tagOf, keep, 10))).toEqual({ upTo: null, each: [], hold: [3, 7, 8] });
  });

  it("acks nothing when everything is kept, and sends nothing for an empty batch", () => {
    expect(
      tags(
        planAcks(
          [
            { tag: 4, kept: true },
            { tag: 5, kept: true },
          ],
          tagOf,
          keep,
          0,
        ),
      ),
    ).toEqual({ upTo: null, each: [], hold: [] });
    expect(tags(planAcks([], tagOf, keep, 0))).toEqual({ upTo: null, each: [], hold: [] });
  });
});
