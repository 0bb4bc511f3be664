/**
 * Runs `run` once the next frame has been painted and the browser is idle (at most `timeoutMs`
 * later): work the first screen can show without waits for it instead of delaying that frame.
 * Returns the cancel, an effect's cleanup.
 */
export function scheduleAfterPaint(run: () => void, timeoutMs: number): () => void {
  let frame: number, idle: number | undefined, timer: ReturnType<typeof setTimeout> | undefined;
  // A rAF callback runs before its frame's paint; idle time right after that paint comes while the
  // frame is still rastered and drawn on other threads (in software on a machine without a GPU),
  // and work run then shares the cores with them: the click's frame was presented later for it
  // (docs/benchmarks.md §94). The next frame's rAF comes once the compositor takes a new frame.
  frame = requestAnimationFrame(() => {
    frame = requestAnimationFrame(() => {
      if (typeof requestIdleCallback === "function") idle = requestIdleCallback(run, { timeout: timeoutMs });
      else timer = setTimeout(run, 0);
    });
  });
  return () => {
    cancelAnimationFrame(frame);
    if (idle !== undefined) cancelIdleCallback(idle);
    clearTimeout(timer);
  };
}
