// Keys for a virtualized list's mounted rows. Keyed by span, a filter or a collapse that brings
// other spans into the mounted range unmounts the rows that left and creates new ones (DOM
// elements, styles, fibers); keyed by position, a collapse in the middle rewrites every row below
// it instead of moving it. Slots do both: a span still mounted keeps its slot (its row only
// moves), and a span newly mounted takes a slot that a span which left gave up (that row's
// elements are updated in place, not recreated).

export class RowSlots {
  /** Slot by span of the last assignment. */
  private slotOf = new Map<number, number>();
  /** How many slots have been handed out so far: new slots are numbered from here. */
  private slotCount = 0;

  /**
   * One slot per item of `spans` (distinct span positions, in row order): distinct numbers, the
   * previous assignment's slot for a span it had, else the lowest slot no longer used, else a new one.
   */
  assign(spans: ArrayLike<number>): number[] {
    const slots = new Array<number>(spans.length);
    const taken = new Uint8Array(Math.max(this.slotCount, spans.length));
    const next = new Map<number, number>();
    let kept = 0;
    for (let k = 0; k < spans.length; k++) {
      const slot = this.slotOf.get(spans[k]!);
      if (slot === undefined) {
        slots[k] = -1;
        continue;
      }
      slots[k] = slot;
      taken[slot] = 1;
      kept++;
    }
    let free = 0;
    for (let k = 0; k < spans.length; k++) {
      if (slots[k]! < 0) {
        while (taken[free] === 1) free++;
        slots[k] = free;
        taken[free] = 1;
      }
      next.set(spans[k]!, slots[k]!);
    }
    // Slots only grow up to the most rows ever mounted at once (free ones are reused first).
    if (kept < spans.length) this.slotCount = Math.max(this.slotCount, free + 1);
    this.slotOf = next;
    return slots;
  }
}
