import { describe, expect, it } from "vitest";
import { formatTimestampUs, isInTimestampWindow, parseTimestampUs, TIMESTAMP_WINDOW_US } from "./timestamp";

describe("parseTimestampUs", () => {
  it("reads OSprofiler's strftime format to the microsecond", () => {
    expect(parseTimestampUs("2024-05-01T10:11:12.123456")).toBe(Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 123_456);
  });

  it("pads a short fraction the way Python's %f does", () => {
    expect(parseTimestampUs("2016-04-18T17:42:10.77")).toBe(Date.UTC(2016, 3, 18, 17, 42, 10) * 1000 + 770_000);
  });

  it("accepts no fraction, a space separator (oslo's envelope) and explicit zones", () => {
    const base = Date.UTC(2024, 4, 1, 10, 11, 12) * 1000;
    expect(parseTimestampUs("2024-05-01T10:11:12")).toBe(base);
    expect(parseTimestampUs("2024-05-01 10:11:12.000001")).toBe(base + 1);
    expect(parseTimestampUs("2024-05-01T10:11:12Z")).toBe(base);
    expect(parseTimestampUs("2024-05-01T12:11:12+02:00")).toBe(base);
    expect(parseTimestampUs("2024-05-01T08:41:12-0130")).toBe(base);
  });

  it("rejects what is not a real instant", () => {
    for (const bad of [
      "",
      "yesterday",
      "2024-05-01",
      "2024-02-31T00:00:00",
      "2024-13-01T00:00:00",
      "2024-05-01T24:00:00",
      "2024-05-01T10:11:12.1234567",
      " 2024-05-01T10:11:12",
      "2024-05-01T10:11:12+99:99",
      "2024-05-01T10:11:12-00:60",
    ]) {
      expect(parseTimestampUs(bad), bad).toBeNull();
    }
  });
});

describe("parseTimestampUs outside the usual years", () => {
  it("reads years before 100 as written, not as 1900-1999", () => {
    expect(new Date(parseTimestampUs("0001-01-01T00:00:00")! / 1000).toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(new Date(parseTimestampUs("0099-12-31T23:59:59")! / 1000).toISOString()).toBe("0099-12-31T23:59:59.000Z");
  });

  it("is exact to the microsecond only until 2255 (2^53 us): why year 9999 used to come out as 10000", () => {
    expect(parseTimestampUs("2199-12-31T23:59:59.999999")! % 1_000_000).toBe(999_999);
    expect(Number.isSafeInteger(parseTimestampUs("9999-12-31T23:59:59.999999")!)).toBe(false);
  });
});

describe("the timestamp window", () => {
  it("runs from 2000-01-01 included to 2200-01-01 excluded, UTC", () => {
    expect(isInTimestampWindow(parseTimestampUs("2000-01-01T00:00:00")!)).toBe(true);
    expect(isInTimestampWindow(parseTimestampUs("1999-12-31T23:59:59.999999")!)).toBe(false);
    expect(isInTimestampWindow(parseTimestampUs("2199-12-31T23:59:59.999999")!)).toBe(true);
    expect(isInTimestampWindow(parseTimestampUs("2200-01-01T00:00:00")!)).toBe(false);
    expect(isInTimestampWindow(TIMESTAMP_WINDOW_US.to - 1)).toBe(true);
    expect(Number.isSafeInteger(TIMESTAMP_WINDOW_US.to)).toBe(true);
  });
});

describe("formatTimestampUs", () => {
  it("writes six fraction digits, like %f", () => {
    expect(formatTimestampUs(Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 7)).toBe("2024-05-01T10:11:12.000007");
    expect(formatTimestampUs(Date.UTC(1999, 11, 31, 23, 59, 59) * 1000 + 999_999)).toBe("1999-12-31T23:59:59.999999");
  });

  it("round-trips every canonical timestamp", () => {
    for (const text of ["2024-05-01T10:11:12.123456", "2030-01-01T00:00:00.000000", "2024-02-29T23:59:59.500000"]) {
      expect(formatTimestampUs(parseTimestampUs(text)!)).toBe(text);
    }
  });
});

describe("formatTimestampUs across seconds", () => {
  it("gives each instant its own second, whatever came before", () => {
    const base = Date.UTC(2024, 4, 1, 23, 59, 59) * 1000;
    const instants = [base, base + 999_999, base + 1_000_000, base - 1, base + 1_000_000, -1, 0, base];
    for (const us of instants)
      expect(formatTimestampUs(us)).toBe(
        `${new Date(Math.floor(us / 1000)).toISOString().slice(0, 19)}.${String(((us % 1_000_000) + 1_000_000) % 1_000_000).padStart(6, "0")}`,
      );
    expect(formatTimestampUs(base + 1_000_000)).toBe("2024-05-02T00:00:00.000000");
    expect(formatTimestampUs(-1)).toBe("1969-12-31T23:59:59.999999");
  });
});

describe("parseTimestampUs on a stream of stamps", () => {
  it("reads each stamp as alone, whatever stamp came before it", () => {
    const stamps = [
      "2024-05-01T10:11:12.123456",
      "2024-05-01T10:11:12.000001",
      "2024-05-01T10:11:12.99999x",
      "2024-05-01T10:11:12Z",
      "2024-05-01T10:11:12.1234567",
      "2024-05-01 10:11:12.000002",
      "2024-05-01T10:11:13.000000",
      "2024-05-01T10:11:12.5",
      "2024-05-01T10:11:12+02:00",
      "2024-02-31T10:11:12.000000",
      "2024-05-01T10:11:12.654321",
    ];
    const expected = [
      Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 123_456,
      Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 1,
      null,
      Date.UTC(2024, 4, 1, 10, 11, 12) * 1000,
      null,
      Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 2,
      Date.UTC(2024, 4, 1, 10, 11, 13) * 1000,
      Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 500_000,
      Date.UTC(2024, 4, 1, 8, 11, 12) * 1000,
      null,
      Date.UTC(2024, 4, 1, 10, 11, 12) * 1000 + 654_321,
    ];
    // Twice over, so that every stamp also follows every other.
    for (let round = 0; round < 2; round++) {
      stamps.forEach((stamp, i) => expect(parseTimestampUs(stamp), stamp).toBe(expected[i]));
    }
  });
});
