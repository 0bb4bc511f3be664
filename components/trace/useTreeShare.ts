"use client";
// The timeline's split (lib/ui/timelineSplit), remembered in this browser across page loads.
import { useCallback, useState, useSyncExternalStore } from "react";
import { DEFAULT_TREE_SHARE, formatStoredTreeShare, parseStoredTreeShare, TREE_SHARE_STORAGE_KEY } from "@/lib/ui/timelineSplit";

function readStored(): number {
  try {
    return parseStoredTreeShare(window.localStorage.getItem(TREE_SHARE_STORAGE_KEY));
  } catch {
    return DEFAULT_TREE_SHARE; // storage disabled: the default, every time
  }
}

/** Another tab that remembers a new split. */
function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
}

/** [share, set(share, remember)]: a drag sets it on every move and remembers it when released. */
export function useTreeShare(): [number, (share: number, remember: boolean) => void] {
  // The server renders the default (a server-rendered page hydrates without a mismatch); the
  // browser's remembered share replaces it before the first paint.
  const stored = useSyncExternalStore(subscribe, readStored, () => DEFAULT_TREE_SHARE);
  const [dragged, setDragged] = useState<number | null>(null);
  const set = useCallback((next: number, remember: boolean) => {
    setDragged(next);
    if (!remember) return;
    try {
      window.localStorage.setItem(TREE_SHARE_STORAGE_KEY, formatStoredTreeShare(next));
    } catch {
      // private mode or full: the split is kept for this page only
    }
  }, []);
  return [dragged ?? stored, set];
}
