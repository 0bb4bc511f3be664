import { useEffect, useRef, type RefObject } from "react";

/**
 * Replays a click that a checkbox took before the page's scripts ran. The first screen is
 * rendered on the server and its scripts come later, so a quick click toggles the box in the
 * document while React, not there to see it, keeps its own state: "Hide DB spans" reads checked
 * with the DB spans still shown. Once hydrated, the box is set back to React's state and clicked
 * again, so the change goes through its onChange like any other. A box mounted later (no server
 * render) always agrees with its state, and nothing happens.
 */
export function useReplayEarlyClick(ref: RefObject<HTMLInputElement | null>, checked: boolean | undefined): void {
  const done = useRef(false);
  useEffect(() => {
    const box = ref.current;
    if (done.current || !box || checked === undefined) return;
    done.current = true;
    if (box.checked === checked) return;
    box.checked = checked;
    box.click();
  }, [ref, checked]);
}
