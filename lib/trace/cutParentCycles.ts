// A parent array (index -> parent index, -1 for a root) from the wire can hold cycles: a span
// that names its own descendant, or itself, as its parent. Each cycle is cut once, at the member
// `isEarlier` ranks first, which becomes a root. Cycles are disjoint, so which member a walk
// enters by changes nothing. Each index is walked a bounded number of times: linear overall.
// Shared by the trace model (buildTrace) and the OSprofiler report's plan, which rank differently.
export function cutParentCycles(parent: Int32Array, isEarlier: (a: number, b: number) => boolean, onCut?: (index: number) => void): void {
  const m = parent.length;
  const state = new Int32Array(m); // 0: unseen, w > 0: on walk w, -1: leads to a root
  let walk = 0;
  for (let i = 0; i < m; i++) {
    if (state[i] !== 0) continue;
    walk++;
    let j = i;
    while (j >= 0 && state[j] === 0) {
      state[j] = walk;
      j = parent[j]!;
    }
    if (j >= 0 && state[j] === walk) {
      let cut = j;
      for (let c = parent[j]!; c !== j; c = parent[c]!) if (isEarlier(c, cut)) cut = c;
      parent[cut] = -1;
      onCut?.(cut);
    }
    for (j = i; j >= 0 && state[j] === walk; j = parent[j]!) state[j] = -1;
  }
}
