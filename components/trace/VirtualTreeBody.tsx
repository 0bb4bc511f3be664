// The scrolling body of a virtualized tree (the trace's timeline and the comparison's): a focusable
// `tree` whose content is as tall as all its rows, the mounted ones placed inside it, and a line of
// its own when every row is filtered away.
import type { KeyboardEvent, ReactNode, RefObject } from "react";

export function VirtualTreeBody({
  bodyRef,
  id,
  label,
  activeId,
  rowCount,
  rowHeight,
  testId,
  empty,
  onKeyDown,
  onFirstFocus,
  onScrollTop,
  children,
}: {
  bodyRef: RefObject<HTMLDivElement | null>;
  id?: string;
  label: string;
  /** The active row's element id while it is mounted (aria-activedescendant), else undefined. */
  activeId: string | undefined;
  rowCount: number;
  rowHeight: number;
  testId: string;
  /** Shown when no row is left to show. */
  empty: string;
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
  /** Focus arrived with no active row: the first row becomes the active one. */
  onFirstFocus(): void;
  onScrollTop(scrollTop: number): void;
  children: ReactNode;
}) {
  return (
    <div
      ref={bodyRef}
      id={id}
      role="tree"
      aria-label={label}
      aria-activedescendant={activeId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={onFirstFocus}
      onScroll={(e) => onScrollTop(e.currentTarget.scrollTop)}
      className="relative min-h-0 flex-1 overflow-auto outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500"
      style={{ scrollbarGutter: "stable" }}
      data-testid={testId}
      data-row-count={rowCount}
    >
      <div className="relative" style={{ height: rowCount * rowHeight }}>
        {children}
      </div>
      {rowCount === 0 && <p className="p-4 text-sm text-zinc-500">{empty}</p>}
    </div>
  );
}
