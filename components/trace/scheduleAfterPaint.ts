/**
 * Frames waited before the idle time that runs the work: the frame that shows a change is still
 * rastered and drawn on other threads (in software on a machine without a GPU) after its paint,
 * and idle time comes right after that paint; work run then shares the cores with them and the
 * change is presented later for it. On the 2-core bench machine the second rAF after a click came
 * after the click's frame was presented in 54 of 144 clicks, the third in 129 of 144
 * (docs/benchmarks.md §94).
 */
const FRAMES = 3;

/**
 * Runs `run` once the next frame has been painted and presented and the browser is idle (at most
 * `timeoutMs` later): work the first screen can show without waits for it instead of delaying
 * that frame. Returns the cancel, an effect's cleanup.
 */
export function scheduleAfterPaint(run: () => void, timeoutMs: number): () => void {
  let frame = 0,
    frames = 0,
    idle: number | undefined,
    timer: ReturnType<typeof setTimeout> | undefined;
  const nextFrame = () => {
    frame = requestAnimationFrame(() => {
      if (++frames < FRAMES) return nextFrame();
      if (typeof requestIdleCallback === "function") idle = requestIdleCallback(run, { timeout: timeoutMs });
      else timer = setTimeout(run, 0);
    });
  };
  nextFrame();
  return () => {
    cancelAnimationFrame(frame);
    if (idle !== undefined) cancelIdleCallback(idle);
    clearTimeout(timer);
  };
}
