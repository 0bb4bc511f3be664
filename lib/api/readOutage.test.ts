import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { endReadOutage, noteReadOutage, readDatabaseDown, readOutageNoted, readsTraces } from "./readOutage";
import { DATABASE_DOWN, readUnlessDatabaseDown } from "./readUnlessDatabaseDown";
import { createLogger } from "../log";

const quiet = createLogger("web.api", "error", () => {});
const failing = async () => {
  throw new Error("Can't reach database server at 127.0.0.1:1");
};

/** Past the time an answer of the database stands for the next pages. */
const aSecondLater = () => vi.advanceTimersByTime(1000);
// performance.now() is the clock of "the database answered a moment ago". Each test starts with
// no outage noted and no answer standing.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["performance"] });
  endReadOutage();
});
afterEach(() => vi.useRealTimers());

describe("readOutage", () => {
  it("answers the first page of an outage 503 too: the proxy's probe before it finds the outage", async () => {
    let answers = true;
    let probes = 0;
    const probe = async () => (probes++, answers);
    aSecondLater();
    expect(await readDatabaseDown(probe)).toBe(false);
    expect(readOutageNoted()).toBe(false);
    answers = false;
    aSecondLater();
    expect(await readDatabaseDown(probe)).toBe(true);
    expect(readOutageNoted()).toBe(true);
    answers = true;
    expect(await readDatabaseDown(probe)).toBe(false);
    expect(readOutageNoted()).toBe(false);
    expect(probes).toBe(3);
  });

  it("probes nothing within a second of the database's last answer, a probe's or a page read's: the healthy path stays as it was", async () => {
    let probes = 0;
    const probe = async () => (probes++, true);
    aSecondLater();
    expect(await readDatabaseDown(probe)).toBe(false);
    vi.advanceTimersByTime(999);
    expect(await readDatabaseDown(probe)).toBe(false);
    expect(probes).toBe(1);
    expect(await readUnlessDatabaseDown(async () => "trace", quiet, "/traces/x", probe)).toBe("trace");
    vi.advanceTimersByTime(999);
    expect(await readDatabaseDown(probe)).toBe(false);
    expect(probes).toBe(1);
    aSecondLater();
    expect(await readDatabaseDown(probe)).toBe(false);
    expect(probes).toBe(2);
  });

  it("costs a page one probe while it lasts: the proxy's, not the page's own again when its read fails", async () => {
    let probes = 0;
    const probe = async () => (probes++, false);
    aSecondLater();
    for (const page of ["/", "/traces/y", "/statements/0123456789abcdef"]) {
      expect(await readDatabaseDown(probe), page).toBe(true); // the proxy, before the page
      expect(await readUnlessDatabaseDown(failing, quiet, page, probe), page).toBe(DATABASE_DOWN);
    }
    expect(probes).toBe(3);
  });

  it("is found by a page whose read fails when the proxy's probe had the database answering, and noted for the next", async () => {
    let answers = true;
    let probes = 0;
    const probe = async () => (probes++, answers);
    aSecondLater();
    expect(await readDatabaseDown(probe)).toBe(false);
    answers = false; // gone between the proxy's probe and the page's read
    expect(await readUnlessDatabaseDown(failing, quiet, "/traces/x", probe)).toBe(DATABASE_DOWN);
    expect(readOutageNoted()).toBe(true);
    expect(probes).toBe(2);
  });

  it("ends when a page's read succeeds, though the probe still says the database does not answer", async () => {
    aSecondLater();
    expect(await readDatabaseDown(async () => false)).toBe(true);
    expect(await readUnlessDatabaseDown(async () => "trace", quiet, "/traces/x")).toBe("trace");
    expect(readOutageNoted()).toBe(false);
  });

  it("takes a probe that throws for a database that does not answer", async () => {
    aSecondLater();
    expect(
      await readDatabaseDown(async () => {
        throw new Error("timeout");
      }),
    ).toBe(true);
  });

  it("is not ended by a probe that started before a page noted a newer outage", async () => {
    let release: (answers: boolean) => void = () => {};
    aSecondLater();
    const older = readDatabaseDown(() => new Promise<boolean>((resolve) => (release = resolve)));
    noteReadOutage();
    release(true);
    expect(await older).toBe(false);
    expect(readOutageNoted()).toBe(true);
  });

  it("asks one probe for the pages asked for at once", async () => {
    let probes = 0;
    let release: (answers: boolean) => void = () => {};
    const probe = () => (probes++, new Promise<boolean>((resolve) => (release = resolve)));
    aSecondLater();
    const pages = [readDatabaseDown(probe), readDatabaseDown(probe), readDatabaseDown(probe)];
    release(false);
    expect(await Promise.all(pages)).toEqual([true, true, true]);
    expect(probes).toBe(1);
    // The next page probes again.
    const next = readDatabaseDown(probe);
    release(true);
    expect(await next).toBe(false);
    expect(probes).toBe(2);
  });

  it("names the pages that read traces: the list, a trace, a comparison, a statement; not assets or the API", () => {
    for (const path of ["/", "/traces/abc", "/compare/a/b", "/statements/0123456789abcdef"]) expect(readsTraces(path), path).toBe(true);
    for (const path of ["/_next/static/chunks/main.js", "/favicon.ico", "/api/traces", "/metrics", "/tracesx", "/nope"])
      expect(readsTraces(path), path).toBe(false);
  });
});
