import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isStampCurrent, stampBuild } from "./nextBuild";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A BUILD_ID written at `writtenAtMs`, as next build leaves it. */
function buildIdWrittenAt(writtenAtMs: number): string {
  const dir = mkdtempSync(join(tmpdir(), "ostrace-build-stamp-"));
  dirs.push(dir);
  const path = join(dir, "BUILD_ID");
  writeFileSync(path, "x");
  utimesSync(path, new Date(writtenAtMs), new Date(writtenAtMs));
  return path;
}

describe("the build's stamp", () => {
  const started = Date.UTC(2026, 11, 6, 9, 0, 0);
  const savedDuring = started + 30_000;
  const finished = started + 60_000;

  it("makes a source saved while next build ran newer than the build, so the next check builds again", () => {
    const buildId = buildIdWrittenAt(finished);
    // Dated at its end, the build passed for current and served what it read before the save.
    expect(isStampCurrent(buildId, savedDuring)).toBe(true);
    stampBuild(buildId, started);
    expect(isStampCurrent(buildId, savedDuring)).toBe(false);
  });

  it("keeps a build current while no source is newer than what it started from", () => {
    const buildId = buildIdWrittenAt(finished);
    stampBuild(buildId, started);
    expect(isStampCurrent(buildId, started)).toBe(true);
    expect(isStampCurrent(buildId, started - 1000)).toBe(true);
    expect(isStampCurrent(join(buildId, "..", "missing"), 0)).toBe(false);
  });

  it("keeps it current when the newest source's mtime has a fraction of a millisecond, as a file system's nanoseconds give it", () => {
    // A Date holds whole milliseconds: stamped at 716 ms, a source saved at 716.5276 ms read as newer, and every check built again.
    const newest = started + 716.5276;
    const buildId = buildIdWrittenAt(finished);
    stampBuild(buildId, newest);
    expect(isStampCurrent(buildId, newest)).toBe(true);
    expect(isStampCurrent(buildId, newest + 1)).toBe(false);
  });
});
