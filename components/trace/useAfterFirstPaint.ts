import { useEffect, useState } from "react";

/**
 * False until the frame of the component's first render has been painted and the browser is
 * idle (at most 500 ms later): what the first screen can show without (the overview's pixels,
 * the local time's zone) waits for it instead of delaying the first rows.
 */
export function useAfterFirstPaint(): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    let idle: number | undefined, timer: ReturnType<typeof setTimeout> | undefined;
    // A rAF callback runs before its frame's paint; what it schedules, after.
    const frame = requestAnimationFrame(() => {
      if (typeof requestIdleCallback === "function") idle = requestIdleCallback(() => setDone(true), { timeout: 500 });
      else timer = setTimeout(() => setDone(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (idle !== undefined) cancelIdleCallback(idle);
      clearTimeout(timer);
    };
  }, []);
  return done;
}
