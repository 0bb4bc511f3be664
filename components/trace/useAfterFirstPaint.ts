import { useEffect, useState } from "react";
import { scheduleAfterPaint } from "./scheduleAfterPaint";

/**
 * False until the frame of the component's first render has been painted and the browser is
 * idle (at most 500 ms later): what the first screen can show without (the overview's pixels,
 * the local time's zone) waits for it instead of delaying the first rows.
 */
export function useAfterFirstPaint(): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => scheduleAfterPaint(() => setDone(true), 500), []);
  return done;
}
