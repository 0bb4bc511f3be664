"use client";
// The divider between the timeline's tree column and its bars: drag it, or focus it and use the
// arrow keys (Shift for bigger steps, Home/End, Enter for the default); a double-click restores
// the default. The timeline places it over the measured column edge.
import { memo, useRef, type PointerEvent } from "react";
import { DEFAULT_TREE_SHARE, MAX_TREE_SHARE, MIN_TREE_SHARE, shareAtPointer, stepTreeShare } from "@/lib/ui/timelineSplit";

export type SplitDividerProps = {
  share: number;
  /** Left edge of the bars, in px from the timeline's left border. */
  leftPx: number;
  /** The rows' content box on screen (the share is a fraction of its width). */
  measureContent(): { left: number; width: number } | null;
  /** `done` is true when the drag ends or a key was pressed: the moment to remember it. */
  onChange(share: number, done: boolean): void;
};

export const SplitDivider = memo(function SplitDivider({ share, leftPx, measureContent, onChange }: SplitDividerProps) {
  const dragging = useRef(false);
  const at = (event: PointerEvent<HTMLDivElement>) => {
    const box = measureContent();
    return box ? shareAtPointer(event.clientX, box.left, box.width) : share;
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize the span names column"
      aria-valuemin={Math.round(MIN_TREE_SHARE * 100)}
      aria-valuemax={Math.round(MAX_TREE_SHARE * 100)}
      aria-valuenow={Math.round(share * 100)}
      aria-valuetext={`names ${Math.round(share * 100)}% of the width`}
      tabIndex={0}
      title="Drag to resize (double-click: default width)"
      data-testid="split-divider"
      className="group absolute bottom-0 top-0 z-10 -ml-1 w-2 cursor-col-resize touch-none outline-none"
      // Hidden until the browser has measured where the column ends (a server-rendered page has
      // not yet): it then appears in place rather than sliding there.
      style={{ left: leftPx, visibility: leftPx > 0 ? undefined : "hidden" }}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        e.currentTarget.focus({ preventScroll: true });
        dragging.current = true;
      }}
      onPointerMove={(e) => {
        if (dragging.current) onChange(at(e), false);
      }}
      onPointerUp={(e) => {
        if (!dragging.current) return;
        dragging.current = false;
        onChange(at(e), true);
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
      onDoubleClick={() => onChange(DEFAULT_TREE_SHARE, true)}
      onKeyDown={(e) => {
        const next = stepTreeShare(share, e.key, e.shiftKey);
        if (next === null) return;
        e.preventDefault();
        onChange(next, true);
      }}
    >
      <div
        aria-hidden
        className="mx-auto h-full w-px bg-zinc-300 group-hover:w-0.5 group-hover:bg-sky-500 group-focus-visible:w-0.5 group-focus-visible:bg-sky-500 dark:bg-zinc-700"
      />
    </div>
  );
});
