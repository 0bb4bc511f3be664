import { describe, expect, it } from "vitest";
import { describeDatabaseError } from "./describeDatabaseError";

describe("describeDatabaseError", () => {
  it("keeps the driver's reason, the last line of Prisma's message (its first line is empty)", () => {
    const error = new Error(
      "\nInvalid `prisma.$queryRawUnsafe()` invocation:\n\n\nRaw query failed. Message: `Can't reach database server`",
    );
    expect(describeDatabaseError(error)).toBe("Raw query failed. Message: `Can't reach database server`");
    expect(describeDatabaseError(new Error("SQLITE_CANTOPEN: unable to open database file"))).toBe(
      "SQLITE_CANTOPEN: unable to open database file",
    );
  });

  it("says something for a thrown value that is not an Error", () => {
    expect(describeDatabaseError("connection refused")).toBe("connection refused");
  });
});
