// @vitest-environment jsdom
// The trace list's rows and the empty state, rendered into jsdom.
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TraceListItem } from "@/lib/trace/traceList";
import { loadConfig } from "@/lib/config";
import { EmptyState } from "./EmptyState";
import { SignatureGroupsTable } from "./SignatureGroupsTable";
import { TraceListFilters, type TraceListFilterValues } from "./TraceListFilters";
import { TraceListTable } from "./TraceListTable";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn() }) }));
afterEach(cleanup);

const T0 = Date.UTC(2024, 4, 1, 10) * 1000;
const item = (over: Partial<TraceListItem>): TraceListItem => ({
  traceId: "0c6a8b65-1e1c-48a4-9b91-820b3225a34e",
  startUs: T0,
  durationUs: 40_000,
  answeredUs: 39_000,
  spanCount: 15,
  errorCount: 0,
  unfinishedCount: 0,
  noStartCount: 0,
  services: ["nova-api", "glance-api"],
  projects: ["glance", "nova"],
  hosts: ["ctl-1"],
  rootName: "wsgi",
  rootMethod: "POST",
  rootPath: "/v2.1/servers",
  rootRequests: 1,
  updatedUs: T0,
  droppedSpans: 0,
  truncated: null,
  ...over,
});

describe("TraceListTable", () => {
  it("marks a trace a cap cut short, saying how many spans were not stored", () => {
    render(
      <TraceListTable
        nowUs={T0}
        traces={[item({ droppedSpans: 1234, truncated: "spans" }), item({ traceId: "a4e6e563-88d3-4362-84b9-f27ba826737c" })]}
      />,
    );
    const badges = screen.getAllByTestId("truncated-badge");
    expect(badges).toHaveLength(1);
    expect(badges[0]!.textContent).toBe("truncated");
    expect(badges[0]!.getAttribute("title")).toBe("1,234 spans not stored: the trace reached its span cap");
  });

  it("says when the API answered under a trace whose work went on after it, and draws that part of its bar", () => {
    render(
      <TraceListTable
        nowUs={T0}
        traces={[
          item({ durationUs: 10_600_000, answeredUs: 33_100 }),
          item({ traceId: "a4e6e563-88d3-4362-84b9-f27ba826737c", durationUs: 185_000, answeredUs: 184_900 }),
        ]}
      />,
    );
    const [asyncRow, syncRow] = within(screen.getByTestId("trace-list")).getAllByRole("row").slice(1) as [HTMLElement, HTMLElement];
    expect(asyncRow.textContent).toContain("10.6\u00a0s");
    expect(within(asyncRow).getByTestId("answered").textContent).toBe("answered in 33.1\u00a0ms");
    expect((asyncRow.querySelector(".bg-sky-300") as HTMLElement).style.width).toBe("100%");
    expect((asyncRow.querySelector(".bg-sky-500") as HTMLElement).style.width).toBe("1%");
    expect(within(syncRow).queryByTestId("answered")).toBeNull();
    expect(syncRow.querySelector(".bg-sky-300")).toBeNull();
  });

  it("shows when, the root request linking to the trace, duration with a bar, spans, projects/services and errors", () => {
    render(
      <TraceListTable
        nowUs={T0 + 5 * 60e6}
        traces={[
          item({}),
          item({
            traceId: "a4e6e563-88d3-4362-84b9-f27ba826737c",
            durationUs: 10_000,
            answeredUs: null,
            errorCount: 2,
            unfinishedCount: 1,
            rootMethod: null,
            rootPath: null,
            rootName: "rpc",
            startUs: T0 - 3600e6,
          }),
        ]}
      />,
    );
    const rows = within(screen.getByTestId("trace-list")).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(2);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(within(first).getByRole("link").textContent).toBe("POST /v2.1/servers");
    expect(within(first).getByRole("link").getAttribute("href")).toBe("/traces/0c6a8b65-1e1c-48a4-9b91-820b3225a34e");
    expect(first.textContent).toContain("5 minutes ago");
    // Its time says its zone: an operator in another reads it against the services' logs.
    expect(first.querySelector("td:nth-child(2)")!.textContent).toBe("5 minutes ago2024-05-01 10:00:00 UTC");
    expect(first.textContent).toContain("40\u00a0ms");
    expect(within(first).getByLabelText("Projects").textContent).toBe("glance · nova");
    expect(within(first).getByRole("list", { name: "Services" }).textContent).toBe("nova-apiglance-api");
    expect((first.querySelector(".bg-sky-500") as HTMLElement).style.width).toBe("100%");
    expect((second.querySelector(".bg-sky-500") as HTMLElement).style.width).toBe("25%");
    expect(within(second).getByRole("link").textContent).toBe("rpc");
    expect(second.textContent).toContain("2 errors");
    expect(second.textContent).toContain("1 unfinished");
    expect(first.textContent).not.toContain("error");
  });

  it("repeats under the request what a phone's row folds away: when, spans, services and flags, the badge's test id once", () => {
    render(
      <TraceListTable
        nowUs={T0 + 5 * 60e6}
        traces={[item({ errorCount: 2, droppedSpans: 7, truncated: "spans" }), item({ traceId: "a4e6e563-88d3-4362-84b9-f27ba826737c" })]}
      />,
    );
    const [flagged, plain] = within(screen.getByTestId("trace-list")).getAllByRole("row").slice(1) as [HTMLElement, HTMLElement];
    const requestCell = (row: HTMLElement) => within(row).getByRole("link").closest("td")!;
    expect(within(requestCell(flagged)).getByTestId("row-summary").textContent).toBe("5 minutes ago · 15 spans · nova-api, glance-api");
    expect(requestCell(flagged).textContent).toContain("2 errors");
    expect(requestCell(flagged).textContent).toContain("truncated");
    expect(screen.getAllByTestId("truncated-badge")).toHaveLength(1);
    // No flags, no empty line for them.
    expect(requestCell(plain).querySelectorAll("div, p").length).toBe(requestCell(flagged).querySelectorAll("div, p").length - 1);
  });

  it("renders wire text as text", () => {
    const evil = `<img src=x onerror="window.__xss=1">`;
    const { container } = render(<TraceListTable nowUs={T0} traces={[item({ rootPath: evil, services: [evil], projects: [evil] })]} />);
    expect(container.querySelector("img")).toBeNull();
    expect(within(screen.getByTestId("trace-list")).getByRole("link").textContent).toBe(`POST ${evil}`);
  });
});

describe("TraceListTable on wire text of 64K characters", () => {
  it("clips the root request and the projects in the row and in their titles", () => {
    const path = `/v2.1/servers?name=${"n".repeat(65_000)}`;
    const projects = Array.from({ length: 60 }, (_, i) => `p${i}${"x".repeat(250)}`);
    const { container } = render(<TraceListTable nowUs={T0} traces={[item({ rootPath: path, projects })]} />);
    const link = within(screen.getByTestId("trace-list")).getByRole("link");
    expect(link.textContent).toBe(`POST ${path.slice(0, 195)}…`);
    expect(link.getAttribute("title")).toBe(`POST ${path.slice(0, 1995)}…`);
    expect(screen.getByLabelText("Projects").textContent!.length).toBe(201);
    expect(container.innerHTML.length).toBeLessThan(12_000);
  });
});

describe("EmptyState", () => {
  it("tells where ostrace listens, from the configuration", () => {
    const config = loadConfig({
      OSTRACE_EXCHANGES: "nova,neutron",
      OSTRACE_QUEUE: "my.queue",
      AMQP_URL: "amqp://user:pw-9f3k@mq:5672",
      OSTRACE_TOPICS: "profiler,notifications",
    });
    render(<EmptyState config={config} />);
    const text = screen.getByTestId("empty-state").textContent!;
    expect(text).toContain("nova, neutron");
    expect(text).toContain("my.queue");
    expect(text).toContain("profiler.*, notifications.*");
    expect(text).toContain("amqp://user:***@mq:5672");
    expect(text).not.toContain("pw-9f3k");
    expect(text).toContain("connection_string = messaging://");
    expect(text).toContain("npm run demo");
  });
});

describe("SignatureGroupsTable", () => {
  it("says when the API answered next to how long the requests took, and a dash where none answered", () => {
    const group = { count: 12, p50Us: 10_600_000, p95Us: 12_000_000, maxUs: 14_000_000 };
    render(
      <SignatureGroupsTable
        page={{
          groups: [
            { signature: "POST /v2.1/servers", ...group, answeredP50Us: 33_100, answeredP95Us: 79_000 },
            { signature: "rpc", ...group, answeredP50Us: null, answeredP95Us: null },
          ],
          percentilesOver: null,
        }}
        tracesHref={(signature) => `/?signature=${encodeURIComponent(signature)}`}
      />,
    );
    const cells = screen.getAllByTestId("answered-percentiles").map((c) => c.textContent);
    expect(cells).toEqual(["33.1\u00a0ms · 79\u00a0ms", "–"]);
    expect(screen.getByRole("columnheader", { name: "Answered p50 · p95" })).toBeDefined();
  });
});

describe("TraceListFilters", () => {
  const values = (over: Partial<TraceListFilterValues>): TraceListFilterValues => ({
    q: "",
    traceId: "",
    service: "heat-api",
    project: "",
    host: "",
    from: "2024-05-01T10:00:00",
    to: "",
    minMs: "100",
    maxMs: "",
    sort: "slowest",
    signature: "",
    view: "",
    error: true,
    ...over,
  });
  const facets = { services: ["heat-api", "nova-api"], projects: ["heat", "nova"], hosts: ["ctl-1"] };
  const fieldNames = () =>
    [...screen.getByRole("form", { name: "Filter traces" }).querySelectorAll("[name]")].map((e) => e.getAttribute("name"));

  it("offers every filter of the trace list on the Traces tab", () => {
    render(<TraceListFilters values={values({})} facets={facets} />);
    expect(fieldNames()).toEqual(["q", "traceId", "project", "service", "host", "from", "to", "minMs", "maxMs", "error", "sort"]);
    expect(screen.getByRole("link", { name: "Reset" }).getAttribute("href")).toBe("/");
  });

  it("names the fields a refused filter concerns as the form labels them, not by their query parameters", async () => {
    render(<TraceListFilters values={values({ minMs: "5000", maxMs: "100" })} facets={facets} />);
    fireEvent.submit(screen.getByRole("form", { name: "Filter traces" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Min ms: is greater than Max ms");
    cleanup();
    render(<TraceListFilters values={values({ from: "2024-05-02T10:00:00", to: "2024-05-01T10:00:00" })} facets={facets} />);
    fireEvent.submit(screen.getByRole("form", { name: "Filter traces" }));
    expect((await screen.findByRole("alert")).textContent).toBe("From (UTC): is after To (UTC)");
    cleanup();
    render(<TraceListFilters values={values({ traceId: "zz" })} facets={facets} />);
    fireEvent.submit(screen.getByRole("form", { name: "Filter traces" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "base_id starts with: expected the start of a base_id: up to 36 hex digits and dashes",
    );
  });

  it("offers only the window on the By request tab, whose groups no other filter changes, and resets to that tab", () => {
    render(<TraceListFilters values={values({ view: "requests" })} facets={facets} />);
    expect(fieldNames()).toEqual(["view", "from", "to"]);
    expect(screen.queryByLabelText("Filter by service")).toBeNull();
    expect(screen.getByRole("link", { name: "Reset" }).getAttribute("href")).toBe("/?view=requests");
  });
});
