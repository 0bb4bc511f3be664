// Issue 14, goal 3: a big trace is read in chunks. The page draws the server's preview (the
// trace's first spans in time) while the rest is on its way, says how much has arrived, and then
// shows the whole tree, with one request for the trace. The download is slowed (as on a slow
// link) so the state between the first line and the last chunk is long enough to be seen.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/lib/db/client";
import { storeSyntheticTrace, type StoredTrace } from "@/bench/support/storeSyntheticTrace";
import { launchBrowser, type TestBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/nextServer";

let server: TestServer;
let browser: TestBrowser;
let stored: StoredTrace;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // Straight through the worker's storing path into the server's database: posting 50k
  // notifications over HTTP would take most of a minute on this machine.
  const db = await openDb(server.databaseUrl);
  try {
    stored = await storeSyntheticTrace(db, "boot-server", 25_000, "big-trace-page");
  } finally {
    await db.prisma.$disconnect();
  }
}, 10 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a big trace's page", () => {
  it("shows the first rows before the last chunk has arrived, then the whole tree", async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    const errors: string[] = [];
    const traceRequests: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname === `/api/traces/${stored.traceId}`) traceRequests.push(url.search);
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    // ~2 MB of chunks at 400 KB/s: about five seconds between the preview and the whole trace.
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: 400 * 1024,
      uploadThroughput: -1,
    });
    await page.goto(`${server.url}/traces/${stored.traceId}`, { waitUntil: "commit" });

    // Rows on screen while the status says spans are still arriving.
    const early = await page.waitForFunction(() => {
      const status = document.querySelector<HTMLElement>("[data-testid=trace-chunks-loading]");
      const body = document.querySelector<HTMLElement>("[data-testid=timeline-body]");
      if (!status || !body || !document.querySelector('[role=treeitem][data-row="0"]')) return null;
      return { received: Number(status.dataset.received), size: Number(status.dataset.size), rows: Number(body.dataset.rowCount) };
    });
    const before = (await early.jsonValue())!;
    expect(before.size).toBe(stored.spans);
    expect(before.received).toBeLessThan(stored.spans);
    expect(before.rows).toBeGreaterThan(20);
    expect(before.rows).toBeLessThanOrEqual(2000);
    const firstRowId = await page.locator('[role=treeitem][data-row="0"]').getAttribute("data-span-id");

    // Then the whole trace, every span a row (everything is expanded by default), the same root first.
    await page.getByTestId("trace-chunks-loading").waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("timeline-body").getAttribute("data-row-count")).toBe(String(stored.spans));
    expect(await page.locator('[role=treeitem][data-row="0"]').getAttribute("data-span-id")).toBe(firstRowId);
    expect(await page.getByTestId("trace-span-count").textContent()).toBe(stored.spans.toLocaleString("en"));
    // The preview (preloaded with the HTML, the script reads that one), then the whole trace, once each.
    expect(traceRequests).toEqual(["?preview=1", "?chunks=1"]);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
