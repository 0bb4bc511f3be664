import { describe, expect, it } from "vitest";
import { parseAuthorization } from "./parseAuthorization";

const basic = (text: string) => `Basic ${Buffer.from(text, "utf8").toString("base64")}`;

describe("parseAuthorization", () => {
  it("reads a bearer token and Basic credentials, the scheme in any case", () => {
    expect(parseAuthorization("Bearer abc.DEF-123_~+/=")).toEqual({ kind: "bearer", token: "abc.DEF-123_~+/=" });
    expect(parseAuthorization("bearer xyz")).toEqual({ kind: "bearer", token: "xyz" });
    expect(parseAuthorization(basic("alice:s3cret"))).toEqual({ kind: "basic", user: "alice", password: "s3cret" });
    expect(parseAuthorization(basic("alice:pass:with:colons"))).toEqual({ kind: "basic", user: "alice", password: "pass:with:colons" });
    expect(parseAuthorization(basic("zoë:mot de passe é"))).toEqual({ kind: "basic", user: "zoë", password: "mot de passe é" });
    expect(parseAuthorization(basic(":only-a-password"))).toEqual({ kind: "basic", user: "", password: "only-a-password" });
  });

  it("says nothing was sent for no header or a blank one", () => {
    expect(parseAuthorization(null)).toEqual({ kind: "none" });
    expect(parseAuthorization("   ")).toEqual({ kind: "none" });
  });

  it("names what is wrong with a header it cannot read", () => {
    expect(parseAuthorization("Digest username=alice")).toEqual({
      kind: "malformed",
      reason: "expected Authorization: Bearer <token> or Basic <base64 of user:password>",
    });
    expect(parseAuthorization("Basic not*base64")).toEqual({ kind: "malformed", reason: "the Basic credentials are not base64" });
    expect(parseAuthorization(`Basic ${Buffer.from("no-colon").toString("base64")}`)).toEqual({
      kind: "malformed",
      reason: "the Basic credentials have no ':' between user and password",
    });
    expect(parseAuthorization(`Basic ${Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString("base64")}`)).toEqual({
      kind: "malformed",
      reason: "the Basic credentials are not UTF-8",
    });
    expect(parseAuthorization("Bearer")).toMatchObject({ kind: "malformed" });
    expect(parseAuthorization(`Bearer ${"a".repeat(5000)}`)).toEqual({
      kind: "malformed",
      reason: "the Authorization header is longer than 4096 characters",
    });
  });
});
