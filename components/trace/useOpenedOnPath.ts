"use client";
import { useState } from "react";

/**
 * Whether the view is still on the critical path as the page opened on it (its defaults said
 * so): the note above the timeline says why the page opened so only then. Once the view leaves
 * it (the box, the note's button, a link's row off the path), the note is gone for good: turned on
 * again, the view is the reader's choice, not how the page opened.
 */
export function useOpenedOnPath(openedOnPath: boolean, criticalOnly: boolean): boolean {
  const [asOpened, setAsOpened] = useState(() => openedOnPath && criticalOnly);
  if (asOpened && !criticalOnly) setAsOpened(false);
  return asOpened && criticalOnly;
}
