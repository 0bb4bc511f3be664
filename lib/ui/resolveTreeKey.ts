// Keyboard navigation in the timeline tree, following the WAI-ARIA tree pattern: up/down move,
// right expands a collapsed row or moves to its first child, left collapses an expanded row or
// moves to its parent, Enter opens the details, Home/End/PageUp/PageDown jump (Escape, which
// closes the details, is the timeline's: it depends on a span being selected).
import { findParentRow, hasViewChildren, type TimelineRows } from "../trace";

export type TreeKeyAction = { type: "move"; row: number } | { type: "toggle"; row: number } | { type: "select"; row: number };

/** What a key does on `row`; null when it does nothing there (the event is left alone). */
export function resolveTreeKey(rows: TimelineRows, row: number, key: string, pageRows = 20): TreeKeyAction | null {
  if (rows.count === 0) return null;
  const at = Math.min(Math.max(row, 0), rows.count - 1);
  const move = (to: number): TreeKeyAction => ({ type: "move", row: Math.min(Math.max(to, 0), rows.count - 1) });
  const v = rows.rows[at]!;
  // A fold row (lib/trace/findPathFolds) opens as a collapsed row expands: it is "toggled".
  const fold = rows.folded?.[v] === 1;
  const parent = fold || hasViewChildren(rows.view, v);
  const collapsed = fold || rows.collapsed[v] === 1;
  if (fold && (key === "Enter" || key === " ")) return { type: "toggle", row: at };
  switch (key) {
    case "ArrowDown":
      return move(at + 1);
    case "ArrowUp":
      return move(at - 1);
    case "Home":
      return move(0);
    case "End":
      return move(rows.count - 1);
    case "PageDown":
      return move(at + pageRows);
    case "PageUp":
      return move(at - pageRows);
    case "ArrowRight":
      if (!parent) return null;
      return collapsed ? { type: "toggle", row: at } : move(at + 1);
    case "ArrowLeft": {
      if (parent && !collapsed) return { type: "toggle", row: at };
      const up = findParentRow(rows, at);
      return up < 0 ? null : move(up);
    }
    case "Enter":
    case " ":
      return { type: "select", row: at };
    default:
      return null;
  }
}
