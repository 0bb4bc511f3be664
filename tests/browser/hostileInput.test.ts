// Issue 12 against the real server (`next build` + `next start`) and real Chromium: a shared link
// with a catastrophic regex opens and answers, an unsupported pattern is named in the search
// status, and hostile bodies POSTed to the real routes get a 4xx with a JSON reason.
import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envelopeV2, profilerPayload } from "@/tests/support/amqp";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/nextServer";
import { postNotifications } from "./support/seed";

let server: TestServer;
let browser: TestBrowser;
const pageErrors: string[] = [];
const traceId = randomUUID();
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0) * 1000;
const PATH = `/${"a".repeat(32)}!`;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The trace: a request path of 32 "a" and a "!", and a SQL call under it.
  const root = randomUUID();
  const db = randomUUID();
  const bodies = [
    profilerPayload({
      traceId,
      spanId: root,
      parentId: traceId,
      name: "wsgi",
      phase: "start",
      us: T0,
      project: "keystone",
      service: "public",
      info: { request: { method: "GET", path: PATH, query: "", scheme: "http" } },
    }),
    profilerPayload({
      traceId,
      spanId: db,
      parentId: root,
      name: "db",
      phase: "start",
      us: T0 + 100,
      project: "keystone",
      service: "public",
      info: { db: { statement: "SELECT * FROM project WHERE id = %(id)s", params: {} } },
    }),
    profilerPayload({
      traceId,
      spanId: db,
      parentId: root,
      name: "db",
      phase: "stop",
      us: T0 + 900,
      project: "keystone",
      service: "public",
    }),
    profilerPayload({
      traceId,
      spanId: root,
      parentId: traceId,
      name: "wsgi",
      phase: "stop",
      us: T0 + 2000,
      project: "keystone",
      service: "public",
    }),
  ].map((p) => JSON.parse(envelopeV2(p)) as unknown);
  await postNotifications(server.url, bodies);
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openTrace(query: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  await page.goto(`${server.url}/traces/${traceId}?${query}`);
  await page.waitForSelector('[role="treeitem"]');
  return page;
}

/** Until the regex engine has arrived and the search is applied or refused. */
async function searchSettled(page: Page): Promise<void> {
  await page.getByTestId("search-status").filter({ hasNotText: "searching…" }).waitFor();
}

describe("regex search from a shared link", () => {
  it("opens the issue's catastrophic link ((a+)+$ on 32 'a' and '!') and keeps answering", async () => {
    const page = await openTrace("q=(a%2B)%2B%24&re=1");
    // The regex engine loads on first use ("searching…" until then).
    await searchSettled(page);
    // Nothing ends in a run of "a" here: no match, and the tab still runs scripts.
    expect(await page.getByTestId("search-status").innerText()).toBe("0 matches");
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    const search = page.getByRole("searchbox", { name: "Search spans" });
    await search.fill("/(a+)+!$");
    expect(await page.getByTestId("search-status").innerText()).toBe("1 match");
    await page.screenshot({ path: artifactPath("hostile-regex-match.png") });
    await page.close();
  });

  it("says in the search status that a lookahead is not supported, and applies no search", async () => {
    const page = await openTrace("q=a(%3F%3D!)&re=1");
    await searchSettled(page);
    expect(await page.getByTestId("search-status").innerText()).toBe("not supported");
    // The reason on a line of its own under the toolbar, whole (not cut), and the toolbar still one line.
    const error = page.getByTestId("search-error");
    expect(await error.innerText()).toBe("regular expression not supported: lookahead and lookbehind cannot run in linear time");
    expect(await error.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const status = page.getByTestId("search-status");
    expect(await status.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const [searchBox, levelBox] = [
      await page.getByRole("searchbox", { name: "Search spans" }).boundingBox(),
      await page.getByLabel("Expand to level").boundingBox(),
    ];
    expect(Math.abs(searchBox!.y + searchBox!.height / 2 - (levelBox!.y + levelBox!.height / 2))).toBeLessThan(4);
    expect(await page.getByRole("searchbox", { name: "Search spans" }).getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: artifactPath("hostile-regex-unsupported.png") });
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});

describe("hostile bodies on the real routes", () => {
  const post = async (route: string, body: BodyInit, contentType = "application/json") => {
    const response = await fetch(`${server.url}${route}`, { method: "POST", body, headers: { "content-type": contentType } });
    const text = await response.text();
    return { status: response.status, text };
  };

  it("answers POST /api/ingest with a 4xx and a JSON reason, whatever the body", async () => {
    const deepPayload = JSON.stringify(
      profilerPayload({ traceId: randomUUID(), spanId: randomUUID(), parentId: randomUUID(), name: "db", phase: "start", us: T0 }),
    ).replace(/"info":\{[^}]*\}/, `"info": {"x": ${'{"a":'.repeat(6000)}1${"}".repeat(6000)}}`);
    const cases: [BodyInit, string, number, RegExp][] = [
      ["[".repeat(100_000) + "]".repeat(100_000), "application/json", 422, /deeper than 64 levels/],
      [deepPayload, "application/json", 422, /deeper than 64 levels/],
      ['{"name": "db-start", "timestamp": "0001-01-01T00:00:00"', "application/json", 400, /not valid JSON/],
      [new Uint8Array([0x5b, 0xff, 0x5d]), "application/json", 400, /not valid UTF-8/],
      ["[NaN]", "application/json", 400, /not valid JSON/],
      ["{}", "text/plain", 415, /Content-Type application\/json/],
      ["--x\r\n\r\n", "multipart/form-data; boundary=x", 415, /Content-Type application\/json/],
    ];
    for (const [body, contentType, status, reason] of cases) {
      const answer = await post("/api/ingest", body, contentType);
      expect(answer.status, answer.text.slice(0, 200)).toBe(status);
      expect(
        (JSON.parse(answer.text) as { error?: string; results?: { reason: string }[] }).error ??
          JSON.stringify((JSON.parse(answer.text) as { results: unknown }).results),
      ).toMatch(reason);
    }
  });

  it("answers POST /api/traces/import with a 4xx and a JSON reason, whatever the body", async () => {
    const cases: [BodyInit, string, number, RegExp][] = [
      ["[".repeat(100_000) + "]".repeat(100_000), "application/json", 422, /deeper than 10000 levels/],
      ['{"children": [', "application/json", 400, /not JSON/],
      ["garbage", "multipart/form-data; boundary=xyz", 400, /could not be parsed/],
      [
        '--xyz\r\nContent-Disposition: form-data; name="other"\r\n\r\n1\r\n--xyz--\r\n',
        "multipart/form-data; boundary=xyz",
        400,
        /no field "file"/,
      ],
      ["{}", "text/csv", 415, /expected the report/],
    ];
    for (const [body, contentType, status, reason] of cases) {
      const answer = await post("/api/traces/import", body, contentType);
      expect(answer.status, answer.text.slice(0, 200)).toBe(status);
      expect((JSON.parse(answer.text) as { error: string }).error).toMatch(reason);
    }
  });
});
