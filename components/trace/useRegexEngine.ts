"use client";
// Loads the regex engine (lib/trace/regexEngine.ts) when a regex search is asked for, and says
// whether it is there, so the views that depend on it are computed again when it arrives. The
// first render says "not yet" on the server and in the browser alike, so hydration agrees.
import { useEffect, useState } from "react";
import { loadRegexEngine } from "@/lib/trace";

export function useRegexEngine(needed: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!needed || ready) return;
    let live = true;
    void loadRegexEngine().then(() => {
      if (live) setReady(true);
    });
    return () => {
      live = false;
    };
  }, [needed, ready]);
  return ready;
}
