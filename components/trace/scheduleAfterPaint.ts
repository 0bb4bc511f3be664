/**
 * Runs `run` once the next frame has been painted and the browser is idle (at most `timeoutMs`
 * later): work the first screen can show without waits for it instead of delaying that frame.
 * Returns the cancel, an effect's cleanup.
 */
export function scheduleAfterPaint(run: () => void, timeoutMs: number): () => void {
  let idle: number | undefined, timer: ReturnType<typeof setTimeout> | undefined;
  // A rAF callback runs before its frame's paint; what it schedules, after.
  const frame = requestAnimationFrame(() => {
    if (typeof requestIdleCallback === "function") idle = requestIdleCallback(run, { timeout: timeoutMs });
    else timer = setTimeout(run, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (idle !== undefined) cancelIdleCallback(idle);
    clearTimeout(timer);
  };
}
