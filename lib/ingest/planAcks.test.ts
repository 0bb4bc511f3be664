import { describe, expect, it } from "vitest";
import { planAcks } from "./planAcks";

type D = { tag: number; kept?: boolean };
const tagOf = (d: D) => d.tag;
const keep = (d: D) => d.kept === true;
const tags = (plan: { upTo: D | null; each: D[] }) => ({ upTo: plan.upTo?.tag ?? null, each: plan.each.map(tagOf) });

describe("planAcks", () => {
  it("acks the whole batch with one multiple ack when nothing is kept", () => {
    expect(tags(planAcks([{ tag: 3 }, { tag: 1 }, { tag: 2 }], tagOf, keep))).toEqual({ upTo: 3, each: [] });
  });

  it("acks up to just below the first kept delivery at once, the acked ones above it one by one", () => {
    const batch: D[] = [{ tag: 1 }, { tag: 2 }, { tag: 3, kept: true }, { tag: 4 }, { tag: 5, kept: true }, { tag: 6 }];
    expect(tags(planAcks(batch, tagOf, keep))).toEqual({ upTo: 2, each: [4, 6] });
  });

  it("acks one by one when the lowest tag is kept (a carried delivery rejoins the batch first)", () => {
    // Carried deliveries come first in the batch and carry the oldest tags.
    const batch: D[] = [{ tag: 2, kept: true }, { tag: 7 }, { tag: 8 }, { tag: 3 }];
    expect(tags(planAcks(batch, tagOf, keep))).toEqual({ upTo: null, each: [3, 7, 8] });
  });

  it("acks nothing when everything is kept", () => {
    expect(
      tags(
        planAcks(
          [
            { tag: 4, kept: true },
            { tag: 5, kept: true },
          ],
          tagOf,
          keep,
        ),
      ),
    ).toEqual({ upTo: null, each: [] });
  });

  it("sends nothing for an empty batch", () => {
    expect(tags(planAcks([], tagOf, keep))).toEqual({ upTo: null, each: [] });
  });
});
