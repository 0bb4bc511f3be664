// The nodes a streamed report or dot has opened and not closed yet, deepest last, each with the
// number of its children still to come. A plan's pre-order and each node's number of children
// are the whole tree: a node's children come right after it, each after the subtree of the one
// before, so the node a new one belongs to is the deepest open node that still has children to
// come, and every deeper one is done. The stack grows with the depth, not the size: the printers
// need no parent column of the trace's size.
import { growColumn } from "../trace/growColumn";

export type OpenNodes = {
  /** Number of open nodes. */
  readonly depth: number;
  /** Whether the deepest open node has had all its children (the next node is not one of them: close it first). */
  readonly deepestDone: boolean;
  /** A node comes: one child fewer to come for the deepest open node (none for a root). */
  arrive(): void;
  /** Opens the node that has just come: `children` of it to come; `position` tells it (positionAt). */
  open(children: number, position: number): void;
  /** Closes the deepest open node; returns its position. */
  close(): number;
  /** The position of the open node at `depth` (0: the outermost). */
  positionAt(depth: number): number;
};

export function createOpenNodes(): OpenNodes {
  let toCome = new Uint32Array(64);
  let positions = new Uint32Array(64);
  let depth = 0;
  return {
    get depth() {
      return depth;
    },
    get deepestDone() {
      return depth > 0 && toCome[depth - 1] === 0;
    },
    arrive() {
      if (depth === 0) return;
      if (toCome[depth - 1] === 0) throw new Error("createOpenNodes: a node came after its parent's last child");
      toCome[depth - 1]!--;
    },
    open(children, position) {
      if (depth === toCome.length) {
        toCome = growColumn(toCome, 2 * depth);
        positions = growColumn(positions, 2 * depth);
      }
      toCome[depth] = children;
      positions[depth++] = position;
    },
    close() {
      if (depth === 0) throw new Error("createOpenNodes: nothing open to close");
      return positions[--depth]!;
    },
    positionAt(d) {
      return positions[d]!;
    },
  };
}
