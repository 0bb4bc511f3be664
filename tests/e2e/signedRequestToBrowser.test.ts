// From a signed HTTP request to what a person sees, with nothing crafted by us in between: the
// simulated cloud (scripts/openstack-sim: real osprofiler + oslo.messaging in seven service
// processes) sends its notifications to the real RabbitMQ, the real worker process stores them in
// the real database, the real web server serves them, and headless Chromium shows them.
// Also: for the very same notifications, our OSprofiler export equals the report OSprofiler's own
// code builds (tests/support/osprofiler_report.py).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, artifactPath, type TestBrowser } from "../browser/support/browser";
import { AMQP_URL, openBroker, uniqueName, type Broker } from "../support/amqp";
import { startOstrace, waitFor, type Ostrace } from "./support/startOstrace";

const PYTHON = "/usr/bin/python3";
const RUN_PY = fileURLToPath(new URL("../../scripts/openstack-sim/run.py", import.meta.url));
const REPORT_PY = fileURLToPath(new URL("../support/osprofiler_report.py", import.meta.url));

type Expected = {
  spans: number;
  db_spans: number;
  services: Record<string, { project: string; service: string }>;
  repeated_statements: { statement: string; count: number }[];
  failing_calls: { function: string; etype: string; message: string }[];
};
type RequestLine = {
  kind: "request";
  signed: "valid" | "wrong-hmac";
  base_id: string;
  http: { service: string; method: string; path: string; status: number }[];
  expected: Expected;
};

function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { timeout: 90_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
    if (input !== undefined) child.stdin!.end(input);
  });
}

const lines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as unknown);

const hmacKey = randomBytes(12).toString("hex");
const prefix = `${uniqueName("e2e")}-`;
const workerQueue = uniqueName("ostrace-e2e");
const captureQueue = uniqueName("ostrace-e2e-capture");
let exchanges: string[] = [];
let broker: Broker;
let ostrace: Ostrace;
let server: Ostrace["server"];
let browser: TestBrowser;
let signed: RequestLine;
let forged: RequestLine;
/** Raw bodies exactly as RabbitMQ delivered them, captured by a second queue on the same exchanges. */
const captured: string[] = [];

beforeAll(async () => {
  broker = await openBroker();
  const cloud = lines(await run(PYTHON, [RUN_PY, "--describe", "--exchange-prefix", prefix]))[0] as { exchanges: string[] };
  exchanges = cloud.exchanges;
  const capture = await broker.connection.createChannel();
  await capture.assertQueue(captureQueue, { exclusive: true });
  for (const exchange of exchanges) {
    await broker.declareOsloExchange(exchange);
    await capture.bindQueue(captureQueue, exchange, "profiler.*");
  }
  await capture.consume(captureQueue, (m) => m && captured.push(m.content.toString("utf8")), { noAck: true });

  ostrace = await startOstrace({ exchanges, queue: workerQueue });
  server = ostrace.server;

  // What `openstack --os-profile <key> server create` does: one request signed with a wrong key
  // first (must leave no trace), then one properly signed boot.
  const out = lines(
    await run(PYTHON, [
      RUN_PY,
      "--amqp-url",
      AMQP_URL,
      "--exchange-prefix",
      prefix,
      "--hmac-key",
      hmacKey,
      "--scenario",
      "boot",
      "--requests",
      "1",
      "--wrong-hmac-requests",
      "1",
      "--cleanup-broker",
    ]),
  ) as RequestLine[];
  forged = out.find((l) => l.kind === "request" && l.signed === "wrong-hmac")!;
  signed = out.find((l) => l.kind === "request" && l.signed === "valid")!;
  expect(forged).toBeDefined();
  expect(signed).toBeDefined();

  await waitFor(
    "every span of the signed request to be stored",
    async () => {
      const page = (await (await fetch(`${server.url}/api/traces?traceId=${signed.base_id}`)).json()) as {
        traces: { spanCount: number; unfinishedCount: number }[];
      };
      const summary = page.traces[0];
      return summary && summary.spanCount === signed.expected.spans && summary.unfinishedCount === 0 ? summary : null;
    },
    60_000,
    () => `worker log:\n${ostrace.workerLog()}`,
  );
  browser = await launchBrowser();
}, 10 * 60_000);

afterAll(async () => {
  await browser?.close();
  await ostrace?.stop();
  await broker?.cleanup({ queues: [workerQueue, captureQueue], exchanges });
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(server.url + path);
  return page;
}

const rowCount = async (page: Page) => Number(await page.getByTestId("timeline-body").getAttribute("data-row-count"));

describe("a signed request, end to end", () => {
  it("stores every notification of the signed request, and nothing of the wrongly signed one", async () => {
    const response = await fetch(`${server.url}/api/traces/${forged.base_id}`);
    expect(response.status).toBe(404);
    expect(captured.some((body) => body.includes(forged.base_id))).toBe(false);
    const trace = (await (await fetch(`${server.url}/api/traces?traceId=${signed.base_id}`)).json()) as {
      traces: { spanCount: number; errorCount: number }[];
    };
    expect(trace.traces[0]).toMatchObject({ spanCount: signed.expected.spans, errorCount: signed.expected.failing_calls.length });
  });

  it("shows the trace in the list and opens it with its services, nesting, DB statements and exception", async () => {
    const page = await open("/");
    await expect.poll(() => page.getByTestId("collector-status").innerText()).toBe("Collector connected");
    const row = page.locator(`[data-testid=trace-list] tbody tr[data-trace-id="${signed.base_id}"]`);
    await row.waitFor();
    // Cells: pick-to-compare checkbox, when, root request, duration, spans, ...
    expect(await row.locator("td").nth(4).innerText()).toBe(String(signed.expected.spans));
    // `server create` is a token request, lookups and the POST in one trace: the POST names it.
    expect(signed.http.map((h) => `${h.method} ${h.path}`)).toContain("POST /v2.1/servers");
    expect(await row.getByRole("link").innerText()).toBe("POST /v2.1/servers");
    await row.getByRole("link").click();
    await page.waitForURL(`**/traces/${signed.base_id}`);
    await page.waitForSelector('[role="treeitem"]');

    expect(await page.getByTestId("trace-span-count").innerText()).toBe(signed.expected.spans.toLocaleString("en"));
    // A server create: its work went on after the API answered, so it opens on its critical path,
    // says so, and gives every span back in one click.
    expect(await page.getByTestId("critical-only").isChecked()).toBe(true);
    expect(await page.getByTestId("critical-path-first").innerText()).toMatch(/^Opened on the critical path/);
    expect(await rowCount(page)).toBeLessThan(signed.expected.spans);
    await page.getByRole("button", { name: "Show every span" }).click();
    await expect.poll(() => rowCount(page)).toBe(signed.expected.spans);
    const legend = await page.getByRole("list", { name: "Services (legend)" }).innerText();
    for (const { project, service } of Object.values(signed.expected.services)) {
      expect(legend).toContain(project);
      expect(legend).toContain(service);
    }
    await page.screenshot({ path: artifactPath("e2e-trace.png") });

    // Nesting across services: glance's request sits under nova's API call that made it.
    await page.getByTestId("search").fill("GET /v2/images/");
    await page.getByRole("checkbox", { name: "Only matches" }).check();
    await expect
      .poll(async () => page.locator('[role="treeitem"]').allInnerTexts())
      .toEqual(
        expect.arrayContaining([expect.stringContaining("POST /v2.1/servers"), expect.stringContaining("nova.compute.api.API.create")]),
      );
    const levels = async (text: string) =>
      Number(await page.locator('[role="treeitem"]', { hasText: text }).first().getAttribute("aria-level"));
    expect(await levels("nova.compute.api.API.create")).toBeGreaterThan(await levels("POST /v2.1/servers"));
    expect(await levels("GET /v2/images/")).toBeGreaterThan(await levels("nova.compute.api.API.create"));

    // The call that raised: marked in the tree, and its details say what was raised.
    const failing = signed.expected.failing_calls[0]!;
    await page.getByTestId("search").fill(failing.function);
    const failingRow = page.locator('[role="treeitem"]', { hasText: failing.function }).first();
    await failingRow.click();
    const details = page.getByTestId("span-details");
    await details.waitFor();
    await expect.poll(() => details.innerText()).toContain(`Raised ${failing.etype}`);
    expect(await details.innerText()).toContain(failing.message);
    await page.close();
  });

  it("lists the repeated DB statements, hides DB spans, and reproduces the view from the shared link", async () => {
    const page = await open(`/traces/${signed.base_id}`);
    await page.waitForSelector('[role="treeitem"]');
    await page.getByRole("tab", { name: "DB statements" }).click();
    const statements = page.getByTestId("db-statements");
    const repeated = signed.expected.repeated_statements.find((s) => s.statement.includes("role.name"))!;
    await expect.poll(() => statements.innerText(), { timeout: 15_000 }).toContain("role.name");
    expect(await statements.innerText()).toContain("N+1");
    expect(repeated.count).toBeGreaterThanOrEqual(3);

    await page.getByRole("checkbox", { name: /Hide DB spans/ }).check();
    expect(await rowCount(page)).toBe(signed.expected.spans - signed.expected.db_spans);
    await expect.poll(() => new URL(page.url()).searchParams.get("hideDb")).toBe("1");

    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    await page.getByRole("button", { name: "Copy link to this view" }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(page.url());
    const again = await open(new URL(link).pathname + new URL(link).search);
    await again.waitForSelector('[role="treeitem"]');
    expect(await again.getByRole("checkbox", { name: /Hide DB spans/ }).isChecked()).toBe(true);
    expect(await rowCount(again)).toBe(signed.expected.spans - signed.expected.db_spans);
    await again.close();
    await page.close();
  });

  it("exports the same report OSprofiler's own code builds from the same notifications", async () => {
    const ours = await (await fetch(`${server.url}/api/traces/${signed.base_id}/osprofiler.json`)).text();
    const bodies = captured.filter((body) => body.includes(signed.base_id));
    expect(bodies).toHaveLength(signed.expected.spans * 2);
    const theirs = await run(PYTHON, [REPORT_PY], JSON.stringify(bodies));
    // nova passes its RequestContext, Keystone token included, in the args of RPC calls: ostrace
    // masks it at ingest (README, Redaction) and the rest stays exactly as OSprofiler reports it.
    const token = /'auth_token': '([^'[\]]+)'/.exec(theirs)?.[1];
    expect(token).toMatch(/^gAAAA/);
    expect(ours).not.toContain(token);
    const theirsRedacted = theirs.replaceAll(`'auth_token': '${token}'`, "'auth_token': '[redacted]'");
    expect(JSON.parse(ours)).toEqual(JSON.parse(theirsRedacted));
  });
});
