"use client";
// The timeline's split (lib/ui/timelineSplit), remembered in this browser across page loads.
import { useCallback, useState } from "react";
import { DEFAULT_TREE_SHARE, formatStoredTreeShare, parseStoredTreeShare, TREE_SHARE_STORAGE_KEY } from "@/lib/ui/timelineSplit";

function readStored(): number {
  try {
    return typeof window === "undefined" ? DEFAULT_TREE_SHARE : parseStoredTreeShare(window.localStorage.getItem(TREE_SHARE_STORAGE_KEY));
  } catch {
    return DEFAULT_TREE_SHARE; // storage disabled: the default, every time
  }
}

/** [share, set(share, remember)]: a drag sets it on every move and remembers it when released. */
export function useTreeShare(): [number, (share: number, remember: boolean) => void] {
  const [share, setShare] = useState(readStored);
  const set = useCallback((next: number, remember: boolean) => {
    setShare(next);
    if (!remember) return;
    try {
      window.localStorage.setItem(TREE_SHARE_STORAGE_KEY, formatStoredTreeShare(next));
    } catch {
      // private mode or full: the split is kept for this page only
    }
  }, []);
  return [share, set];
}
