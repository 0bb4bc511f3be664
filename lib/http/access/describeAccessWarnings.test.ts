import { describe, expect, it } from "vitest";
import { describeAccessWarnings, describeIgnoredHostname, isLoopback } from "./describeAccessWarnings";
import { readNextListenHost } from "./readNextListenHost";

describe("describeAccessWarnings", () => {
  it("warns when ostrace has no login and listens beyond localhost (the default 0.0.0.0)", () => {
    expect(describeAccessWarnings({ auth: { mode: "open" }, metricsOpen: false }, "0.0.0.0", 3000)).toEqual([
      "no authentication (OSTRACE_AUTH=open) while listening on 0.0.0.0:3000: anyone who reaches this port can read every trace (SQL, URLs, arguments), " +
        "send notifications and import traces. Set OSTRACE_AUTH=token, basic or proxy (README, Access), or HOSTNAME=127.0.0.1 behind a reverse proxy that authenticates.",
    ]);
    expect(describeAccessWarnings({ auth: { mode: "open" }, ingestToken: "x".repeat(16), metricsOpen: false }, "::", 8080)[0]).toContain(
      "listening on [::]:8080: anyone who reaches this port can read every trace (SQL, URLs, arguments) and import traces.",
    );
  });

  it("warns that a proxy's user header is only as safe as the port is private", () => {
    const [warning] = describeAccessWarnings(
      { auth: { mode: "proxy", userHeader: "X-Forwarded-User" }, metricsOpen: false },
      "10.0.0.5",
      3000,
    );
    expect(warning).toContain("OSTRACE_AUTH=proxy trusts the X-Forwarded-User header, and ostrace listens on 10.0.0.5:3000");
  });

  it("says nothing on localhost, or with a login", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"]) {
      expect(describeAccessWarnings({ auth: { mode: "open" }, metricsOpen: false }, host, 3000)).toEqual([]);
    }
    expect(describeAccessWarnings({ auth: { mode: "token", token: "t".repeat(20) }, metricsOpen: false }, "0.0.0.0", 3000)).toEqual([]);
  });

  it("tells loopback addresses from the others", () => {
    expect(["127.0.0.1", "::1", "LOCALHOST", "::ffff:127.0.0.1"].map(isLoopback)).toEqual([true, true, true, true]);
    expect(["0.0.0.0", "::", "192.168.1.2", "localhost.example.com", "128.0.0.1"].map(isLoopback)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("describeIgnoredHostname", () => {
  it("says when HOSTNAME names another address than the one next start listens on", () => {
    // A unit that runs `next start` without -H, with HOSTNAME=127.0.0.1 in its environment file.
    expect(describeIgnoredHostname("127.0.0.1", readNextListenHost(["node", "next", "start"]))).toBe(
      "HOSTNAME=127.0.0.1 is set, but this web server listens on 0.0.0.0: next start does not read HOSTNAME. " +
        "Start it with npm run web (which passes HOSTNAME on), or add -H 127.0.0.1 to its command line.",
    );
  });

  it("says nothing when HOSTNAME is unset or was passed as -H (npm start, npm run web)", () => {
    expect(describeIgnoredHostname(undefined, "0.0.0.0")).toBeNull();
    expect(describeIgnoredHostname(" ", "0.0.0.0")).toBeNull();
    expect(describeIgnoredHostname("127.0.0.1", readNextListenHost(["node", "next", "start", "-H", "127.0.0.1"]))).toBeNull();
  });
});

describe("readNextListenHost", () => {
  it("reads -H and --hostname from next start's command line, every interface without them", () => {
    expect(readNextListenHost(["node", "next", "start", "-p", "3000", "-H", "127.0.0.1"])).toBe("127.0.0.1");
    expect(readNextListenHost(["node", "next", "start", "--hostname", "::1"])).toBe("::1");
    expect(readNextListenHost(["node", "next", "start", "--hostname=10.0.0.5"])).toBe("10.0.0.5");
    expect(readNextListenHost(["node", "next", "start", "-p", "3000"])).toBe("0.0.0.0");
  });
});
