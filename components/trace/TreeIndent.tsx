// A row's indent has to share the names column with the name: OpenStack's asynchronous traces
// nest 60 levels and more (Heat's create-stack), in a column of 14rem, 9rem on a phone. The
// indent is therefore the lesser of two scales, both set once per depth, with nothing measured:
//  - the plain one, 12 px a level, which a shallow trace keeps in a wide enough column;
//  - one relative to the column (a grid item's percentage padding is of its column), whose
//    steps narrow as the tree deepens: 12, then 6, then 4 px in a 14rem column, in proportion
//    in a narrower one, so that the 16th level still leaves the name about 45% of the column.
// Deeper, the indent stops growing and the row says its level instead ("L69", counted from 1
// like the header's depth and the details' level), in the indent left of the toggle, where it
// takes nothing from the name.

/** The deepest depth (0: a root) told apart by indent; deeper rows are drawn at its indent and show their level. */
export const MAX_INDENT_DEPTH = 15;
const PLAIN_STEP_PX = 12;
/** The relative scale's steps, level by level, in px of a 14rem (224 px) column. */
const STEPS_AT_14REM = [12, 12, 12, 6, 6, 6, 6, 6, 4, 4, 4, 4, 4, 4, 4];
const COLUMN_14REM_PX = 224;
const BASE_PX = 4;

/** px of a 14rem column, by depth up to MAX_INDENT_DEPTH. */
const RELATIVE_PX = STEPS_AT_14REM.reduce((at, step) => [...at, at[at.length - 1]! + step], [BASE_PX]);

// Strings made once: a row's style costs a look-up.
const INDENTS = RELATIVE_PX.map((relativePx, depth) => {
  const plainPx = BASE_PX + depth * PLAIN_STEP_PX;
  // Rounded up: at 14rem exactly, the px of the steps above.
  const percent = Math.ceil((relativePx / COLUMN_14REM_PX) * 1e5) / 1e3;
  return `min(${plainPx}px, ${percent}%)`;
});

/** treeIndent in px, for a names column `columnPx` wide. */
export const treeIndentPx = (depth: number, columnPx: number): number => {
  const d = Math.min(Math.max(depth, 0), MAX_INDENT_DEPTH);
  return Math.min(BASE_PX + d * PLAIN_STEP_PX, (RELATIVE_PX[d]! / COLUMN_14REM_PX) * columnPx);
};

/** Left padding of a row's tree cell at this depth (a CSS length; percentages are of the names column). */
export const treeIndent = (depth: number): string => INDENTS[Math.min(Math.max(depth, 0), MAX_INDENT_DEPTH)]!;

type Props = { depth: number; hasChildren: boolean; collapsed: boolean; onToggle: () => void };

/** The start of a row's tree cell, in the trace and the compare timelines alike: the collapse toggle, and the level past the indent limit. */
export function TreeIndent({ depth, hasChildren, collapsed, onToggle }: Props) {
  const toggle = hasChildren ? (
    <button
      type="button"
      tabIndex={-1}
      aria-label={collapsed ? "Expand" : "Collapse"}
      className="flex h-4 w-4 shrink-0 items-center justify-center rounded text-zinc-500 hover:bg-zinc-200 dark:text-zinc-400 dark:hover:bg-zinc-700"
      onClick={(e) => {
        e.stopPropagation();
        onToggle();
      }}
    >
      <span aria-hidden>{collapsed ? "▸" : "▾"}</span>
    </button>
  ) : (
    <span className="w-4 shrink-0" />
  );
  if (depth <= MAX_INDENT_DEPTH) return toggle;
  // Out of the flow, in the indent, at its widest here (98 px in a 14rem column, 63 in a phone's 9rem).
  return (
    <span className="relative flex h-4 shrink-0 items-center">
      <span
        className="absolute right-full top-0 mr-0.5 rounded bg-zinc-200 px-1 text-[10px] leading-4 tabular-nums text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200"
        title={`level ${depth + 1}: deeper than the indent shows`}
        data-testid="row-level"
      >
        L{depth + 1}
      </span>
      {toggle}
    </span>
  );
}
