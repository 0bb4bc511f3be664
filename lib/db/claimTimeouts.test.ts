import { describe, expect, it } from "vitest";
import { claimTimeoutStatements } from "./claimTimeouts";

describe("claimTimeoutStatements", () => {
  it("turns off the idle-transaction timeout on every server, and transaction_timeout from PostgreSQL 17 on", () => {
    const idle = "SET LOCAL idle_in_transaction_session_timeout = 0";
    const whole = "SET LOCAL transaction_timeout = 0";
    // 15.2 and 16.6 have no transaction_timeout: SET would fail there and end the claim.
    expect(claimTimeoutStatements(150002)).toEqual([idle]);
    expect(claimTimeoutStatements(160006)).toEqual([idle]);
    expect(claimTimeoutStatements(169999)).toEqual([idle]);
    expect(claimTimeoutStatements(170000)).toEqual([idle, whole]);
    expect(claimTimeoutStatements(170002)).toEqual([idle, whole]);
    expect(claimTimeoutStatements(180000)).toEqual([idle, whole]);
  });
});
