import type { Page } from "playwright-core";

/**
 * Pixels painted in the trace page's overview canvas (0 before it is drawn: it gets its width once
 * the first rows are painted and the browser is idle, components/trace/useAfterFirstPaint.ts).
 */
export function countOverviewPixels(page: Page): Promise<number> {
  return page.getByTestId("overview-canvas").evaluate((canvas: HTMLCanvasElement) => {
    if (canvas.width === 0 || canvas.height === 0) return 0;
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) count++;
    return count;
  });
}
