import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log";
import { endReadOutage } from "./readOutage";
import { DATABASE_DOWN, readUnlessDatabaseDown } from "./readUnlessDatabaseDown";

// An outage a test found stays noted for the process (lib/api/readOutage.ts): not for the next test.
afterEach(() => endReadOutage());

function recordingLogger() {
  const lines: { level: string; msg: string; page?: string; error?: { message: string } }[] = [];
  return { lines, log: createLogger("web.api", "debug", (line) => lines.push(JSON.parse(line) as (typeof lines)[number])) };
}

describe("readUnlessDatabaseDown", () => {
  it("gives what the read gives, and probes nothing when it succeeds", async () => {
    const { lines, log } = recordingLogger();
    let probed = 0;
    const probe = async () => (probed++, true);
    expect(await readUnlessDatabaseDown(async () => ({ spans: 3 }), log, "/traces/x", probe)).toEqual({ spans: 3 });
    expect(await readUnlessDatabaseDown(async () => null, log, "/traces/x", probe)).toBeNull();
    expect(probed).toBe(0);
    expect(lines).toEqual([]);
  });

  it("says the database is down when a read fails and the database does not answer (or its probe fails), and logs why", async () => {
    const { lines, log } = recordingLogger();
    const failing = async () => {
      throw new Error("\nInvalid invocation:\n\nCan't reach database server at 127.0.0.1:1");
    };
    expect(await readUnlessDatabaseDown(failing, log, "/traces/x", async () => false)).toBe(DATABASE_DOWN);
    expect(
      await readUnlessDatabaseDown(failing, log, "/traces/y", async () => {
        throw new Error("probe failed");
      }),
    ).toBe(DATABASE_DOWN);
    expect(lines.map((l) => [l.level, l.page, l.error?.message.includes("Can't reach database server")])).toEqual([
      ["error", "/traces/x", true],
      ["error", "/traces/y", true],
    ]);
  });

  it("throws a failure of its own as it is while the database answers", async () => {
    const { lines, log } = recordingLogger();
    const bug = new TypeError("x is undefined");
    await expect(
      readUnlessDatabaseDown(
        async () => {
          throw bug;
        },
        log,
        "/traces/x",
        async () => true,
      ),
    ).rejects.toBe(bug);
    expect(lines).toEqual([]);
  });
});
