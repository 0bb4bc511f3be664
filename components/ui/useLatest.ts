import { useEffect, useRef, type RefObject } from "react";

/**
 * A ref that holds the value of the last committed render, for callbacks that must stay the same
 * across renders (an imperative handle, a memoized handler, a task already scheduled) yet read
 * what is current when they run. Updated in an effect, not while rendering: a render React
 * throws away never leaks into it.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}
