/** Deeper levels are drawn at this indent and show their level number instead (a 20k-deep chain stays readable). */
const MAX_INDENT_LEVELS = 24;
const INDENT_PX = 12;

/** Left padding of a row's tree cell at this depth. */
export const treeIndentPx = (depth: number) => Math.min(depth, MAX_INDENT_LEVELS) * INDENT_PX + 4;

type Props = { depth: number; hasChildren: boolean; collapsed: boolean; onToggle: () => void };

/** The start of a row's tree cell, in the trace and the compare timelines alike: the level past the indent limit, and the collapse toggle. */
export function TreeIndent({ depth, hasChildren, collapsed, onToggle }: Props) {
  return (
    <>
      {depth > MAX_INDENT_LEVELS && (
        <span className="shrink-0 rounded bg-zinc-200 px-1 text-[10px] text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200">L{depth}</span>
      )}
      {hasChildren ? (
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
      )}
    </>
  );
}
