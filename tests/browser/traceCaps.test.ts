// A trace cut short by OSTRACE_TRACE_MAX_SPANS in real Chromium: the demo's boot trace sent to a
// server capped at 100 spans; the trace page says how many spans were not stored and by which
// cap, and the list marks the trace. Screenshot: test-artifacts/trace-truncated.png.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertNotificationToOsloMessage, generateProfilerNotifications } from "@/testing/synthetic";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/nextServer";

let server: TestServer;
let browser: TestBrowser;
let traceId = "";
let dropped = 0;

beforeAll(async () => {
  server = await startServer({ OSTRACE_TRACE_MAX_SPANS: "100" });
  browser = await launchBrowser();
  const notifications = [
    ...generateProfilerNotifications({
      seed: "ostrace-demo-0",
      scenario: "boot-server",
      spanCount: 520,
      traces: 1,
      start: Date.UTC(2024, 4, 1) * 1000,
    }),
  ];
  traceId = notifications[0]!.payload.base_id;
  const response = await fetch(`${server.url}/api/ingest`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(notifications.map((n) => JSON.parse(convertNotificationToOsloMessage(n).body) as unknown)),
  });
  const answer = (await response.json()) as { stored: number; dropped: number; results: { status: string }[] };
  expect(response.status).toBe(200);
  expect(answer.dropped).toBeGreaterThan(0);
  dropped = answer.results.filter((r, i) => r.status === "dropped" && notifications[i]!.payload.name.endsWith("-start")).length;
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a trace past the span cap", () => {
  it("says on its page how many spans were not stored and by which cap, and the list marks it", async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/traces/${traceId}`);
    await page.waitForSelector('[role="treeitem"]');
    // Said inside the main landmark, where a screen reader's "skip to main" lands, first in it.
    const notice = await page.getByRole("main").getByTestId("trace-truncated").textContent();
    expect(await page.getByRole("main").evaluate((main) => main.firstElementChild?.getAttribute("data-testid"))).toBe("trace-truncated");
    expect(notice).toContain(`${dropped.toLocaleString("en")} spans not stored: trace cap of 100 spans (OSTRACE_TRACE_MAX_SPANS) reached`);
    // The header's data line agrees with the banner: truncated, not "complete, no errors".
    expect(await page.getByText("complete, no errors").count()).toBe(0);
    expect(await page.getByText("truncated", { exact: true }).getAttribute("title")).toContain("spans not stored: trace cap of 100 spans");
    await page.screenshot({ path: artifactPath("trace-truncated.png") });

    await page.goto(`${server.url}/`);
    const badge = page.getByTestId("truncated-badge");
    expect(await badge.textContent()).toBe("truncated");
    expect(await badge.getAttribute("title")).toBe(`${dropped.toLocaleString("en")} spans not stored: the trace reached its span cap`);
    await page.screenshot({ path: artifactPath("list-truncated.png") });
    await page.close();
  });
});
