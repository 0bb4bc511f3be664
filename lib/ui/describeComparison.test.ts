import { describe, expect, it } from "vitest";
import type { AlignmentSummary, CallChange } from "../trace";
import { describeComparison } from "./describeComparison";

const base: AlignmentSummary = {
  aUs: 2_300_000,
  bUs: 4_100_000,
  deltaUs: 1_800_000,
  spans: { same: 1, faster: 0, slower: 1, missing: 0, new: 237 },
  timeChanges: [],
  countChanges: [],
  answered: null,
};

describe("describeComparison", () => {
  it("sums up the difference with the calls behind it", () => {
    expect(
      describeComparison({
        ...base,
        timeChanges: [
          {
            service: "nova-compute",
            label: "LibvirtDriver.spawn",
            aSelfUs: 2e6,
            bSelfUs: 3.6e6,
            deltaUs: 1_600_000,
            aCalls: 1,
            bCalls: 1,
            aOverlap: false,
            bOverlap: false,
          },
        ],
        countChanges: [
          {
            service: "nova-conductor",
            label: "SELECT … FROM instance_extra",
            aSelfUs: 0,
            bSelfUs: 0,
            deltaUs: 0,
            aCalls: 3,
            bCalls: 240,
            aOverlap: false,
            bOverlap: false,
          },
        ],
      }),
    ).toBe(
      "B is 1.8\u00a0s slower than A (4.1\u00a0s against 2.3\u00a0s): +1.6\u00a0s in nova-compute LibvirtDriver.spawn; 237 more SELECT … FROM instance_extra (nova-conductor: 240 against 3).",
    );
  });

  it("says when the API answered, for an asynchronous request whose answer changed", () => {
    expect(describeComparison({ ...base, answered: { aUs: 538_000, bUs: 426_000 } })).toBe(
      "B is 1.8\u00a0s slower than A (4.1\u00a0s against 2.3\u00a0s): B's API answered in 426\u00a0ms (A: 538\u00a0ms).",
    );
    for (const [aUs, bUs] of [
      [538_000, 540_000],
      [25_000, 30_000],
    ] as const)
      expect(describeComparison({ ...base, answered: { aUs, bUs } })).toBe(
        "B is 1.8\u00a0s slower than A (4.1\u00a0s against 2.3\u00a0s); the same calls, in about the same time.",
      );
  });

  it("says so when nothing changed, and words faster, new and gone calls", () => {
    expect(
      describeComparison({
        ...base,
        timeChanges: [
          {
            service: "nova-compute",
            label: "LibvirtDriver.spawn",
            aSelfUs: 2e6,
            bSelfUs: 9e6,
            deltaUs: 7_000_000,
            aCalls: 1,
            bCalls: 4,
            aOverlap: false,
            bOverlap: false,
          },
        ],
      }),
    ).toBe(
      "B is 1.8\u00a0s slower than A (4.1\u00a0s against 2.3\u00a0s): +7\u00a0s in nova-compute LibvirtDriver.spawn (4 calls against 1).",
    );
    expect(
      describeComparison({
        ...base,
        timeChanges: [
          {
            service: "glance api",
            label: "GET /v2/images/{id}/file",
            aSelfUs: 0,
            bSelfUs: 5e6,
            deltaUs: 5_000_000,
            aCalls: 0,
            bCalls: 1,
            aOverlap: false,
            bOverlap: false,
          },
        ],
      }),
    ).toBe("B is 1.8\u00a0s slower than A (4.1\u00a0s against 2.3\u00a0s): +5\u00a0s in glance api GET /v2/images/{id}/file (only in B).");
    expect(describeComparison({ ...base, bUs: 2_300_400, deltaUs: 400 })).toBe(
      "B took about as long as A (2.3\u00a0s against 2.3\u00a0s); the same calls, in about the same time.",
    );
    expect(
      describeComparison({
        ...base,
        bUs: 1_300_000,
        deltaUs: -1_000_000,
        countChanges: [
          {
            service: "glance",
            label: "GET /v2/images/{id}",
            aSelfUs: 0,
            bSelfUs: 0,
            deltaUs: 0,
            aCalls: 0,
            bCalls: 2,
            aOverlap: false,
            bOverlap: false,
          },
          {
            service: "neutron",
            label: "POST /v2.0/ports",
            aSelfUs: 0,
            bSelfUs: 0,
            deltaUs: 0,
            aCalls: 1,
            bCalls: 0,
            aOverlap: false,
            bOverlap: false,
          },
        ],
      }),
    ).toBe(
      "B is 1\u00a0s faster than A (1.3\u00a0s against 2.3\u00a0s): 2 new GET /v2/images/{id} (glance), no POST /v2.0/ports (neutron; 1 in A).",
    );
  });

  it("clips a call's words from the wire (a 64K-character function name)", () => {
    const label = `Driver.${"F".repeat(65_000)}`;
    const sentence = describeComparison({
      ...base,
      timeChanges: [
        {
          service: "nova-compute",
          label,
          aSelfUs: 2e6,
          bSelfUs: 3.6e6,
          deltaUs: 1_600_000,
          aCalls: 1,
          bCalls: 1,
          aOverlap: false,
          bOverlap: false,
        },
      ],
      countChanges: [
        { service: "nova-compute", label, aSelfUs: 0, bSelfUs: 0, deltaUs: 0, aCalls: 0, bCalls: 2, aOverlap: false, bOverlap: false },
      ],
    });
    expect(sentence).toMatch(
      /^B is 1\.8\u00a0s slower than A \(4\.1\u00a0s against 2\.3\u00a0s\): \+1\.6\u00a0s in nova-compute Driver\.F{193}…; 2 new Driver\.F{193}… \(nova-compute\)\.$/,
    );
  });

  it("says a call's time is summed over calls that overlap, only when they do", () => {
    const spawn = { service: "nova-compute", label: "LibvirtDriver.spawn", aSelfUs: 3.6e6, bSelfUs: 48e6, deltaUs: 44_400_000 };
    const say = (c: Partial<CallChange>) =>
      describeComparison({ ...base, timeChanges: [{ ...spawn, aCalls: 1, bCalls: 11, aOverlap: false, bOverlap: false, ...c }] });
    expect(say({ bOverlap: true })).toBe(
      "B is 1.8\u00a0s slower than A (4.1\u00a0s against 2.3\u00a0s): +44.4\u00a0s in nova-compute LibvirtDriver.spawn (summed over 11 calls that overlap, against 1).",
    );
    expect(say({ bOverlap: true, aCalls: 11 })).toMatch(/ \(summed over 11 calls that overlap\)\.$/);
    expect(say({ bOverlap: true, aCalls: 0 })).toMatch(/ \(summed over 11 calls that overlap, only in B\)\.$/);
    expect(say({ aOverlap: true, aCalls: 4, bCalls: 1 })).toMatch(/ \(A's summed over 4 calls that overlap, against 1\)\.$/);
    expect(say({ aOverlap: true, bOverlap: true })).toMatch(/ \(summed over calls that overlap: 11 in B, 1 in A\)\.$/);
    expect(say({})).toMatch(/ \(11 calls against 1\)\.$/);
  });
});
