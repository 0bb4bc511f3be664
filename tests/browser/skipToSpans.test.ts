// A keyboard reader of the trace page reaches the span tree in two keys: the first Tab lands on
// "Skip to spans" (hidden until focused), Enter moves focus into the tree, whose first row becomes
// the active one. Without it, 26 Tab presses passed the header, toolbar and panels first (found by
// qa29). Other pages have no such link. In real Chromium against the real server.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/nextServer";
import { seedDriverSteps } from "./support/seed";

let server: TestServer;
let browser: TestBrowser;
const traceId = randomUUID();
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await seedDriverSteps(server.url, traceId, 5, T0);
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(path: string, width: number, height: number): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.setDefaultTimeout(10_000);
  await page.setViewportSize({ width, height });
  await page.goto(server.url + path);
  return { page, errors };
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return { role: e?.getAttribute("role") ?? null, text: e?.textContent?.trim() ?? "", testId: e?.getAttribute("data-testid") ?? null };
  });

describe("Skip to spans", () => {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    it(`is the trace page's first tab stop, shown on focus only, and Enter focuses the span tree (${width} px)`, async () => {
      const { page, errors } = await open(`/traces/${traceId}`, width, height);
      await page.waitForSelector('[role="treeitem"]');
      const link = page.getByRole("link", { name: "Skip to spans" });
      // Hidden until focused: sr-only draws it in one clipped pixel.
      expect((await link.boundingBox())!.width).toBeLessThanOrEqual(1);
      await page.keyboard.press("Tab");
      expect(await focused(page)).toMatchObject({ text: "Skip to spans", testId: "skip-to-spans" });
      const shown = (await link.boundingBox())!;
      expect(shown.width).toBeGreaterThan(40);
      expect(shown.y).toBeGreaterThanOrEqual(0);
      expect(shown.y + shown.height).toBeLessThanOrEqual(height);
      await page.screenshot({ path: artifactPath(`skip-to-spans-${width}.png`) });
      await page.keyboard.press("Enter");
      await expect.poll(() => focused(page)).toMatchObject({ role: "tree", testId: "timeline-body" });
      // The tree's first focus makes its first row the active one, so the arrows work at once.
      await expect.poll(() => page.getByTestId("timeline-body").getAttribute("aria-activedescendant")).not.toBeNull();
      await page.keyboard.press("ArrowDown");
      await expect
        .poll(async () => {
          const id = await page.getByTestId("timeline-body").getAttribute("aria-activedescendant");
          return id ? page.locator(`[id="${id}"]`).textContent() : "";
        })
        .toContain("step_0");
      await page.screenshot({ path: artifactPath(`skip-to-spans-tree-${width}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it("is not on the list page, whose first tab stop stays the header's", async () => {
    const { page, errors } = await open("/", 1440, 900);
    expect(await page.getByRole("link", { name: "Skip to spans" }).count()).toBe(0);
    await page.keyboard.press("Tab");
    expect((await focused(page)).text).toContain("ostrace");
    expect(errors).toEqual([]);
    await page.close();
  });
});
