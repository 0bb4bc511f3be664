import { schemeTableau10 } from "d3";
import { describe, expect, it } from "vitest";
import { formatDurationUs, formatMs, formatShare } from "./formatDuration";
import {
  formatLocalTimestamp,
  formatRelativeTime,
  formatTimestampAtOffset,
  formatUtcTimestamp,
  formatUtcTimestampToSeconds,
  formatUtcTimestampToMs,
} from "./formatTime";
import { assignServiceColors, hashColor, SERVICE_PALETTE, serviceKey } from "./serviceColors";
import { describeJson, formatJsonScalar } from "./describeJson";
import { parseTraceIdInput } from "./parseTraceIdInput";

const T = Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 123_456;

describe("formatDurationUs", () => {
  it("picks the unit that keeps the figure short, with three significant digits", () => {
    expect(formatDurationUs(0)).toBe("0\u00a0µs");
    expect(formatDurationUs(840)).toBe("840\u00a0µs");
    expect(formatDurationUs(999.4)).toBe("999\u00a0µs");
    expect(formatDurationUs(999.6)).toBe("1\u00a0ms");
    expect(formatDurationUs(999_400)).toBe("999\u00a0ms");
    expect(formatDurationUs(999_700)).toBe("1\u00a0s");
    expect(formatDurationUs(59_940_000)).toBe("59.9\u00a0s");
    expect(formatDurationUs(59_970_000)).toBe("1\u00a0min 00\u00a0s");
    expect(formatDurationUs(-999_700)).toBe("-1\u00a0s");
    expect(formatDurationUs(1000)).toBe("1\u00a0ms");
    expect(formatDurationUs(12_440)).toBe("12.4\u00a0ms");
    expect(formatDurationUs(3_214_000)).toBe("3.21\u00a0s");
    expect(formatDurationUs(125_000_000)).toBe("2\u00a0min 05\u00a0s");
    expect(formatDurationUs(2 * 3600e6 + 5 * 60e6)).toBe("2\u00a0h 05\u00a0min");
    expect(formatDurationUs(-1500)).toBe("-1.5\u00a0ms");
    expect(formatDurationUs(Number.NaN)).toBe("–");
  });

  it("formats the duration column in ms to the microsecond, and shares", () => {
    expect(formatMs(1_234_567)).toBe("1,234.567");
    expect(formatMs(5)).toBe("0.005");
    expect(formatShare(0.1234)).toBe("12.3%");
    expect(formatShare(0.0001)).toBe("<0.1%");
    expect(formatShare(0)).toBe("0.0%");
  });
});

describe("timestamps", () => {
  it("shows UTC to the microsecond", () => {
    expect(formatUtcTimestamp(T)).toBe("2024-05-01 10:11:12.123456 UTC");
    expect(formatUtcTimestamp(Date.UTC(2024, 0, 1) * 1000 + 7)).toBe("2024-01-01 00:00:00.000007 UTC");
  });

  it("shows a list row's UTC time to the second, saying so", () => {
    expect(formatUtcTimestampToSeconds(T)).toBe("2024-05-01 10:11:12 UTC");
    expect(formatUtcTimestampToSeconds(Number.NaN)).toBe("–");
  });

  // What formatLocalTimestamp wrote with Intl (en-CA, short zone name) before it did without.
  const intlFormat = (us: number, timeZone: string) => {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      ...{ year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" },
      ...{ fractionalSecondDigits: 3, hourCycle: "h23", timeZoneName: "short" },
    } as Intl.DateTimeFormatOptions).formatToParts(new Date(us / 1000));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
    return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}:${get("second")}.${get("fractionalSecond")} ${get("timeZoneName")}`;
  };
  const offsetIn = (us: number, timeZone: string) => {
    const wall = intlFormat(us, timeZone).slice(0, 23).replace(" ", "T") + "Z";
    return Math.round((Date.parse(wall) - Math.floor(us / 1000)) / 60_000);
  };
  const INSTANTS = [
    T,
    T + 999,
    Date.UTC(2024, 0, 1) * 1000,
    Date.UTC(1999, 11, 31, 23, 59, 59, 999) * 1000 + 999,
    Date.UTC(2024, 9, 27, 1, 30) * 1000,
    1_000_000,
  ];

  it("writes the wall time at an offset as Intl's DateTimeFormat wrote it, to the character", () => {
    const zones = ["UTC", "Europe/Berlin", "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Chatham", "Asia/Kathmandu", "Pacific/Kiritimati"];
    for (const zone of zones)
      for (const us of INSTANTS) expect(formatTimestampAtOffset(us, offsetIn(us, zone)), `${zone} ${us}`).toBe(intlFormat(us, zone));
    expect(formatTimestampAtOffset(T, 120)).toBe("2024-05-01 12:11:12.123 GMT+2");
    expect(formatTimestampAtOffset(T, -210)).toBe("2024-05-01 06:41:12.123 GMT-3:30");
  });

  it("writes the UTC form of the local time, which the server renders, to the character", () => {
    for (const us of [...INSTANTS, 0]) expect(formatUtcTimestampToMs(us)).toBe(intlFormat(us, "UTC"));
    expect(formatUtcTimestampToMs(Number.NaN)).toBe("–");
  });

  it("shows local time in the zone this runs in, with the offset in force at that instant", () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = "Europe/Berlin";
      expect(formatLocalTimestamp(T)).toBe("2024-05-01 12:11:12.123 GMT+2");
      expect(formatLocalTimestamp(Date.UTC(2024, 0, 1) * 1000)).toBe("2024-01-01 01:00:00.000 GMT+1");
      process.env.TZ = "Asia/Kolkata";
      expect(formatLocalTimestamp(T)).toBe("2024-05-01 15:41:12.123 GMT+5:30");
      process.env.TZ = "UTC";
      expect(formatLocalTimestamp(T)).toBe("2024-05-01 10:11:12.123 UTC");
      expect(formatLocalTimestamp(Number.NaN)).toBe("–");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("says how long ago, or how far ahead when clocks are skewed", () => {
    expect(formatRelativeTime(T - 5_000_000, T)).toBe("5 seconds ago");
    expect(formatRelativeTime(T - 3 * 3600e6, T)).toBe("3 hours ago");
    expect(formatRelativeTime(T + 2_000_000, T)).toBe("in 2 seconds");
    expect(formatRelativeTime(T - 86_400e6, T)).toBe("yesterday");
  });
});

describe("service colors", () => {
  it("gives distinct palette colors in order, stable for repeated keys, then derived ones", () => {
    const keys = Array.from({ length: SERVICE_PALETTE.length + 2 }, (_, i) => serviceKey("p", `s${i}`));
    const colors = assignServiceColors([...keys, keys[0]!]);
    expect(colors.size).toBe(keys.length);
    expect(colors.get("p/s0")).toBe(SERVICE_PALETTE[0]);
    expect(new Set(keys.slice(0, SERVICE_PALETTE.length).map((k) => colors.get(k))).size).toBe(new Set(SERVICE_PALETTE).size);
    expect(colors.get(keys.at(-1)!)).toBe(hashColor(keys.at(-1)!));
    expect(hashColor("nova/osapi_compute")).toMatch(/^hsl\(\d+ 55% 50%\)$/);
  });

  it("starts with d3's Tableau 10, written out so the page does not load d3-scale-chromatic", () => {
    expect(SERVICE_PALETTE.slice(0, 10)).toEqual(schemeTableau10);
  });
});

describe("describeJson", () => {
  it("summarizes containers and quotes strings", () => {
    expect(describeJson({ a: 1, b: [1] })).toBe("{2 keys}");
    expect(describeJson({ a: 1 })).toBe("{1 key}");
    expect(describeJson([1, 2, 3])).toBe("[3 items]");
    expect(describeJson("null")).toBe('"null"');
    expect(formatJsonScalar(null)).toBe("null");
  });
});

describe("parseTraceIdInput", () => {
  it("finds a base_id in what `openstack --os-profile` prints (its labelled Trace ID first), in a link, or takes a prefix", () => {
    const id = "2d6cd4d0-75a8-4fd1-9b5e-0c3f6f2a9a11";
    expect(parseTraceIdInput(`Trace ID: ${id.toUpperCase()}\nDisplay trace with command:\nosprofiler trace show --html ${id}`)).toEqual({
      traceId: id,
    });
    expect(parseTraceIdInput(`http://ostrace:3000/traces/${id}?hideDb=1`)).toEqual({ traceId: id });
    // The whole output of a command: its table's UUIDs come before the trace's. Pasted into the
    // box (an <input>), the lines run together.
    const output = [
      "+-------------------------------------+-----------------------------------------------+",
      "| Field                               | Value                                         |",
      "| id                                  | 6f0e8c3a-5b1d-4c7e-9a2f-1d3b5c7e9f01          |",
      "| image                               | cirros (0b9c1e2d-3f4a-4b5c-8d6e-7f8091a2b3c4) |",
      "+-------------------------------------+-----------------------------------------------+",
      `Trace ID: ${id}`,
      "Short trace ID for OpenTracing-based drivers: 2d6cd4d075a84fd1",
      "Display trace with command:",
      `osprofiler trace show --html ${id}`,
    ];
    expect(parseTraceIdInput(output.join("\n"))).toEqual({ traceId: id });
    expect(parseTraceIdInput(output.join(""))).toEqual({ traceId: id });
    expect(parseTraceIdInput("  2d6cd4 ")).toEqual({ prefix: "2d6cd4" });
    expect(parseTraceIdInput("server list")).toBeNull();
    expect(parseTraceIdInput("")).toBeNull();
  });
});

describe("computeTraceLegend", () => {
  it("colors project/service pairs, most spans first, and counts types and services", async () => {
    const { buildTrace } = await import("../trace");
    const { spansFromDrawing } = await import("../../testing/spansFromDrawing");
    const { computeTraceLegend } = await import("./computeTraceLegend");
    // Two projects both call a service "api": two legend entries, one service-name facet.
    const trace = buildTrace(
      spansFromDrawing(`
      wsgi#w    osapi_compute  0..100
      ├ db#d1   osapi_compute  10..20
      ├ wsgi#g  api            30..60   project=glance
      │ └ db#g1 api            31..40   project=glance
      └ wsgi#c  api            70..90   project=cinder
    `),
    );
    const legend = computeTraceLegend(trace);
    expect(legend.services.map((s) => [s.key, s.count])).toEqual([
      ["glance/api", 2],
      ["nova/osapi_compute", 2],
      ["cinder/api", 1],
    ]);
    expect(legend.colorOf(0)).toBe(legend.services[1]!.color);
    expect(legend.colorOf(trace.spanId.indexOf("g1"))).toBe(legend.services[0]!.color);
    expect(new Set(legend.services.map((s) => s.color)).size).toBe(3);
    expect(legend.types).toEqual(
      [
        { value: "db", count: 2 },
        { value: "wsgi", count: 3 },
      ].sort((a, b) => b.count - a.count),
    );
    expect(legend.serviceNames).toEqual([
      { value: "api", count: 3 },
      { value: "osapi_compute", count: 2 },
    ]);
  });
});

describe("trace list rows", () => {
  it("names the root request, else the root span", async () => {
    const { describeRootRequest, createDurationScale } = await import("./describeTraceListItem");
    expect(describeRootRequest({ rootMethod: "POST", rootPath: "/v2.1/servers", rootName: "wsgi" })).toBe("POST /v2.1/servers");
    expect(describeRootRequest({ rootMethod: null, rootPath: null, rootName: "rpc" })).toBe("rpc");
    expect(describeRootRequest({ rootMethod: null, rootPath: null, rootName: null })).toBe("(root span not received yet)");
    const scale = createDurationScale([1000, 4000, 0]);
    expect(scale(4000)).toBe(1);
    expect(scale(1000)).toBe(0.25);
    expect(scale(1)).toBe(0.01);
    expect(scale(0)).toBe(0);
    expect(createDurationScale([])(0)).toBe(0);
  });

  it("names two compared traces by the list's names: one request once, two different ones both, long ones clipped", async () => {
    const { describeComparedRequests } = await import("./describeTraceListItem");
    const create = { rootMethod: "POST", rootPath: "/v2.1/servers", rootName: "wsgi" };
    expect(describeComparedRequests(create, { ...create })).toBe("POST /v2.1/servers");
    expect(describeComparedRequests(create, { rootMethod: "GET", rootPath: "/v2.1/flavors", rootName: "wsgi" })).toBe(
      "POST /v2.1/servers and GET /v2.1/flavors",
    );
    expect(describeComparedRequests({ rootMethod: null, rootPath: null, rootName: "rpc" }, create)).toBe("rpc and POST /v2.1/servers");
    const long = { rootMethod: "GET", rootPath: `/v2.1/servers?name=${"x".repeat(5000)}`, rootName: "wsgi" };
    expect(describeComparedRequests(long, long)).toMatch(/^GET \/v2\.1\/servers\?name=x+…$/);
    expect(describeComparedRequests(long, long).length).toBeLessThan(250);
  });

  it("says when the API answered only when that was well before the trace ended", async () => {
    const { describeAnswer } = await import("./describeTraceListItem");
    // server create: a 202 after 33 ms, the work it cast on for 10.6 s.
    expect(describeAnswer({ answeredUs: 33_100, durationUs: 10_600_000 })).toBe("answered in 33.1\u00a0ms");
    // A token request before the call that names the trace: also worth saying.
    expect(describeAnswer({ answeredUs: 50_000, durationUs: 150_000 })).toBe("answered in 50\u00a0ms");
    // A synchronous call: the root is the trace, give or take the first span's start.
    expect(describeAnswer({ answeredUs: 184_900, durationUs: 185_000 })).toBeNull();
    expect(describeAnswer({ answeredUs: 90_000, durationUs: 100_000 })).toBeNull();
    // No answer yet (the root's stop has not arrived), or a trace stored before it was kept.
    expect(describeAnswer({ answeredUs: null, durationUs: 10_600_000 })).toBeNull();
  });
});
