// Search past the display clip, against the real server (`next build` + `next start`) and real
// Chromium: a statement of 20,000 characters reaches the page as its first 4,000 (lib/trace/
// clipTraceTexts.ts), yet typing the UUID at its character 10,000 finds its span, the server
// having searched the whole text (GET /api/traces/{id}/search); a trace without a clipped text
// never asks.
import { randomUUID } from "node:crypto";
import type { Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeV2, profilerPayload } from "@/tests/support/amqp";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/nextServer";
import { postNotifications } from "./support/seed";

let server: TestServer;
let browser: TestBrowser;
const pageErrors: string[] = [];
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;
const UUID = "4f6a5d1e-2b7c-4e0a-9d3f-a1b2c3d4e5f6";
const faults =
  (
    `SELECT instance_faults.created_at FROM instance_faults WHERE instance_faults.instance_uuid IN (`.padEnd(9_999, "'x', ") + `'${UUID}', `
  ).padEnd(19_998, "'y', ") + "')";
const longTrace = { traceId: randomUUID(), faultsSpan: randomUUID() };
const shortTrace = { traceId: randomUUID() };

/** A request with three SQL calls: `statements[0]` on span `firstDb`. */
function request(traceId: string, statements: string[], firstDb = randomUUID()): unknown[] {
  const root = randomUUID();
  const base = { traceId, project: "nova", service: "osapi_compute" };
  const payloads = [
    profilerPayload({
      ...base,
      spanId: root,
      parentId: traceId,
      name: "wsgi",
      phase: "start",
      us: T0,
      info: { request: { method: "GET", path: "/v2.1/servers/detail", query: "", scheme: "http" } },
    }),
    ...statements.flatMap((statement, i) => {
      const span = { ...base, spanId: i === 0 ? firstDb : randomUUID(), parentId: root, name: "db" };
      return [
        profilerPayload({ ...span, phase: "start", us: T0 + 100 + i * 100, info: { db: { statement, params: {} } } }),
        profilerPayload({ ...span, phase: "stop", us: T0 + 150 + i * 100 }),
      ];
    }),
    profilerPayload({ ...base, spanId: root, parentId: traceId, name: "wsgi", phase: "stop", us: T0 + 1000 }),
  ];
  return payloads.map((p) => JSON.parse(envelopeV2(p)) as unknown);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await postNotifications(server.url, [
    ...request(longTrace.traceId, [faults, "SELECT instances.id FROM instances", "SELECT 1"], longTrace.faultsSpan),
    ...request(shortTrace.traceId, ["SELECT instances.id FROM instances", "SELECT 1", "SELECT 2"]),
  ]);
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openTrace(traceId: string, searches: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith("/search")) searches.push(r.url());
  });
  await page.goto(`${server.url}/traces/${traceId}`);
  await page.waitForSelector('[role="treeitem"]');
  return page;
}

const rowCount = async (page: Page) => Number(await page.getByTestId("timeline-body").getAttribute("data-row-count"));
const status = (page: Page) => page.getByTestId("search-status").innerText();

describe("searching the whole of a long statement", () => {
  it("finds a UUID at character 10,000 of a 20,000-character statement: 1 match, its row, only matches and Enter", async () => {
    const searches: string[] = [];
    const page = await openTrace(longTrace.traceId, searches);
    // The page holds the clipped statement: the UUID is not in it.
    expect(await page.evaluate((uuid) => document.documentElement.innerHTML.includes(uuid), UUID)).toBe(false);
    // The server's answer held back: the page says the long texts are still being searched.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/search?*", async (route: Route) => {
      await held;
      await route.continue();
    });
    const search = page.getByRole("searchbox", { name: "Search spans" });
    await search.pressSequentially(UUID, { delay: 20 });
    expect(await status(page)).toBe("0 matches");
    expect(await page.getByTestId("search-long-texts").innerText()).toBe("+ long texts…");
    await page.screenshot({ path: artifactPath("long-text-search-waiting.png") });
    release();
    await expect.poll(() => status(page)).toBe("1 match");
    expect(await page.getByTestId("search-long-texts").count()).toBe(0);
    // Typed key by key, yet asked once typing paused (and never for a stale query's answer).
    expect(searches.length).toBeLessThanOrEqual(3);
    expect(new URL(searches.at(-1)!).searchParams.get("q")).toBe(UUID);

    // The row: a match (its tone carries the flag), shown under "only matches" with its caller.
    const matchOf = (spanId: string) =>
      page.evaluate((id) => {
        const row = document.querySelector<HTMLElement>(`[role="treeitem"][data-span-id="${id}"]`);
        return row ? document.querySelector(`[data-tone-row="${row.dataset.row}"]`)?.getAttribute("data-match") : null;
      }, spanId);
    expect(await matchOf(longTrace.faultsSpan)).toBe("1");
    await page.getByRole("checkbox", { name: "Only matches" }).check();
    expect(await rowCount(page)).toBe(2);
    await search.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("span")).toBe(longTrace.faultsSpan);
    expect(await page.getByRole("checkbox", { name: "Only matches" }).isChecked()).toBe(true);
    expect(await rowCount(page)).toBe(2);
    expect(await page.locator('[role="treeitem"][aria-selected="true"]').getAttribute("data-span-id")).toBe(longTrace.faultsSpan);
    await page.screenshot({ path: artifactPath("long-text-search-found.png") });

    // A regex, case-insensitive, over the whole text too.
    await page.getByRole("checkbox", { name: "Regex" }).check();
    await search.fill("'4F6A5D1E-[0-9A-F-]+'");
    await expect.poll(() => status(page)).toBe("1 match");
    // The clip mark's own words match nothing.
    await page.getByRole("checkbox", { name: "Regex" }).uncheck();
    await search.fill("clipped for display");
    await expect.poll(() => page.getByTestId("search-long-texts").count()).toBe(0);
    expect(await status(page)).toBe("0 matches");
    await page.close();
  });

  it("never asks the server for a trace without a clipped text", async () => {
    const searches: string[] = [];
    const page = await openTrace(shortTrace.traceId, searches);
    await page.getByRole("searchbox", { name: "Search spans" }).pressSequentially("instances", { delay: 20 });
    await expect.poll(() => status(page)).toBe("1 match");
    await page.waitForTimeout(600);
    expect(searches).toEqual([]);
    expect(await page.getByTestId("search-long-texts").count()).toBe(0);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
