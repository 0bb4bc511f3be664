import { afterEach, describe, expect, it } from "vitest";
import { noteReadOutage, readOutageContinues, readsTraces } from "./readOutage";
import { DATABASE_DOWN, readUnlessDatabaseDown } from "./readUnlessDatabaseDown";
import { createLogger } from "../log";

const quiet = createLogger("web.api", "error", () => {});

afterEach(async () => {
  // Leave no outage noted for the next test: a probe that answers clears it.
  noteReadOutage(async () => true);
  await readOutageContinues();
});

describe("readOutage", () => {
  it("says no outage, probing nothing, while no page found one", async () => {
    expect(await readOutageContinues()).toBe(false);
  });

  it("goes on while the probe of the page that found the outage says the database does not answer, and ends when it answers", async () => {
    let answers = false;
    let probes = 0;
    const probe = async () => (probes++, answers);
    const failing = async () => {
      throw new Error("Can't reach database server at 127.0.0.1:1");
    };
    expect(await readUnlessDatabaseDown(failing, quiet, "/traces/x", probe)).toBe(DATABASE_DOWN);
    expect(probes).toBe(1);
    expect(await readOutageContinues()).toBe(true);
    expect(await readOutageContinues()).toBe(true);
    answers = true;
    expect(await readOutageContinues()).toBe(false);
    // Cleared: the next page asks nothing.
    expect(await readOutageContinues()).toBe(false);
    expect(probes).toBe(4);
  });

  it("costs a page one probe while it lasts: the proxy's, not the page's own again when its read fails", async () => {
    let probes = 0;
    const probe = async () => (probes++, false);
    const failing = async () => {
      throw new Error("Can't reach database server at 127.0.0.1:1");
    };
    expect(await readUnlessDatabaseDown(failing, quiet, "/traces/x", probe)).toBe(DATABASE_DOWN);
    expect(probes).toBe(1);
    for (const page of ["/", "/traces/y", "/statements/0123456789abcdef"]) {
      expect(await readOutageContinues(), page).toBe(true); // the proxy, before the page
      expect(await readUnlessDatabaseDown(failing, quiet, page, probe), page).toBe(DATABASE_DOWN);
    }
    expect(probes).toBe(4);
  });

  it("ends when a page's read succeeds, though the probe still says the database does not answer", async () => {
    let probes = 0;
    noteReadOutage(async () => (probes++, false));
    expect(await readUnlessDatabaseDown(async () => "trace", quiet, "/traces/x")).toBe("trace");
    expect(await readOutageContinues()).toBe(false);
    expect(probes).toBe(0);
  });

  it("takes a probe that throws for a database that does not answer", async () => {
    noteReadOutage(async () => {
      throw new Error("timeout");
    });
    expect(await readOutageContinues()).toBe(true);
  });

  it("is not ended by an older outage's probe once a newer one is noted", async () => {
    let release: (answers: boolean) => void = () => {};
    noteReadOutage(() => new Promise<boolean>((resolve) => (release = resolve)));
    const older = readOutageContinues();
    noteReadOutage(async () => false);
    release(true);
    expect(await older).toBe(false);
    expect(await readOutageContinues()).toBe(true);
  });

  it("asks one probe for the pages asked for at once", async () => {
    let probes = 0;
    let release: (answers: boolean) => void = () => {};
    noteReadOutage(() => (probes++, new Promise<boolean>((resolve) => (release = resolve))));
    const pages = [readOutageContinues(), readOutageContinues(), readOutageContinues()];
    release(false);
    expect(await Promise.all(pages)).toEqual([true, true, true]);
    expect(probes).toBe(1);
    // The next page probes again.
    const next = readOutageContinues();
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
