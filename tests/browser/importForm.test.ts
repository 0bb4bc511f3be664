// The import form on the real server (`next build` + `next start`) in real Chromium, with a
// report big enough to watch: the upload's progress, then "storing", then the trace opens.
// Chromium's network emulation slows the upload down (a few MB/s, as over a real link).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReportFile, type ReportFile } from "../support/reportFile";
import { artifactPath, launchBrowser, type TestBrowser } from "./support/browser";
import { startServer, type TestServer } from "./support/nextServer";

let server: TestServer;
let browser: TestBrowser;
let dir: string;
let report: ReportFile;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ostrace-import-form-"));
  report = writeReportFile(join(dir, "report.json"), 5000);
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
}, 15 * 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the import form", () => {
  it("shows the upload's progress, then that the server is storing, then opens the trace", { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 4 * 1024 * 1024,
    });
    await page.goto(`${server.url}/`);
    // Every phase the progress went through, as the page showed it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { phases: string[] }).phases = seen;
      new MutationObserver(() => {
        const phase = document.querySelector("[data-testid=import-progress]")?.getAttribute("data-phase");
        if (phase && seen[seen.length - 1] !== phase) seen.push(phase);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });

    await page.getByTestId("import-file").setInputFiles(report.path);
    await page.getByRole("button", { name: "Import" }).click();
    const status = page.getByTestId("import-progress").getByRole("status");
    await page.waitForFunction(() =>
      /Uploading [1-9][\d.]* MB of [\d.]+ MB \(([1-9]\d?)%\)/.test(
        document.querySelector("[data-testid=import-progress] [role=status]")?.textContent ?? "",
      ),
    );
    expect(await status.innerText()).toMatch(new RegExp(`^Uploading [\\d.]+ MB of ${(report.bytes / 2 ** 20).toFixed(1)} MB \\(\\d+%\\)$`));
    const form = page.getByRole("form", { name: "Import an OSprofiler report" });
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath("import-uploading.png") });
    // Storing lasts about a second here: a picture of it when the page is caught in it (the phases below are the check).
    await page
      .locator('[data-phase="storing"]')
      .waitFor({ timeout: 30_000 })
      .then(() => form.screenshot({ path: artifactPath("import-storing.png") }))
      .catch(() => undefined);

    await page.waitForURL(`**/traces/${report.traceId}`);
    await page.waitForSelector('[role="treeitem"]');
    expect(await page.evaluate(() => (window as unknown as { phases: string[] }).phases)).toEqual(["uploading", "storing"]);
    expect(await page.getByTestId("trace-span-count").innerText()).toBe(report.spans.toLocaleString("en"));
    await page.close();
  });

  it("imports a .gz file, and shows the server's reason for a file it refuses", { timeout: 120_000 }, async () => {
    const gz = join(dir, "small.json.gz");
    const small = writeReportFile(join(dir, "small.json"), 200);
    writeFileSync(gz, gzipSync(readFileSync(small.path)));
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByTestId("import-file").setInputFiles(gz);
    await page.getByRole("button", { name: "Import" }).click();
    await page.waitForURL(`**/traces/${small.traceId}`);
    await page.waitForSelector('[role="treeitem"]');

    await page.goto(`${server.url}/`);
    // A server answer the form shows as it is: here, a file that is not a report.
    await page
      .getByTestId("import-file")
      .setInputFiles({ name: "nope.json", mimeType: "application/json", buffer: Buffer.from('{"children": [1]}') });
    await page.getByRole("button", { name: "Import" }).click();
    const problem = page.getByRole("form", { name: "Import an OSprofiler report" }).getByRole("alert");
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/^the report holds no OSprofiler notifications/);
    await page.screenshot({ path: artifactPath("import-refused.png") });
    await page.close();
  });

  it("takes Content-Encoding: gzip from other clients too (curl -H 'Content-Encoding: gzip' --data-binary @report.json.gz)", async () => {
    const small = writeReportFile(join(dir, "encoded.json"), 300);
    const response = await fetch(`${server.url}/api/traces/import`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: new Uint8Array(gzipSync(readFileSync(small.path))),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ traceId: small.traceId, spans: small.spans, notifications: small.notifications });
    const back = await fetch(`${server.url}/api/traces/${small.traceId}/osprofiler.json`);
    expect(await back.text()).toBe(readFileSync(small.path, "utf8"));
  });
});
