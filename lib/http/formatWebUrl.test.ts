import { describe, expect, it } from "vitest";
import { formatWebUrl } from "./formatWebUrl";

describe("formatWebUrl", () => {
  it("names the address the server listens on, localhost for every interface", () => {
    expect(formatWebUrl("0.0.0.0", 3000)).toBe("http://localhost:3000");
    expect(formatWebUrl("::", 3000)).toBe("http://localhost:3000");
    expect(formatWebUrl("[::]", 3000)).toBe("http://localhost:3000");
    expect(formatWebUrl("127.0.0.1", 8080)).toBe("http://127.0.0.1:8080");
    expect(formatWebUrl("10.1.2.3", 3000)).toBe("http://10.1.2.3:3000");
    expect(formatWebUrl("ostrace.example.com", 3000)).toBe("http://ostrace.example.com:3000");
  });

  it("puts an IPv6 address in brackets, once", () => {
    expect(formatWebUrl("::1", 3000)).toBe("http://[::1]:3000");
    expect(formatWebUrl("[::1]", 3000)).toBe("http://[::1]:3000");
    expect(formatWebUrl("fd00::5", 3000)).toBe("http://[fd00::5]:3000");
  });
});

describe("formatWebUrl with an IPv6 zone id", () => {
  it("writes the zone id's % as %25 inside the brackets (RFC 6874)", () => {
    expect(formatWebUrl("fe80::1%eth0", 3000)).toBe("http://[fe80::1%25eth0]:3000");
    expect(formatWebUrl("[fe80::1%eth0]", 3000)).toBe("http://[fe80::1%25eth0]:3000");
    expect(formatWebUrl("fe80::a:b%2", 8080)).toBe("http://[fe80::a:b%252]:8080");
  });

  it("escapes the zone as HOSTNAME names it: a zone 25 is not taken for an escape", () => {
    expect(formatWebUrl("fe80::1%25", 3000)).toBe("http://[fe80::1%2525]:3000");
  });

  it("prints a URL whose host is an RFC 6874 IP-literal: brackets, address, %25, zone of unreserved characters", () => {
    const ipLiteralWithZone = /^http:\/\/\[[0-9a-f:.]+%25(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})+\]:\d+$/;
    for (const host of ["fe80::1%eth0", "fe80::1%en0.12", "fe80::1%wlan 0", "fe80::1%eth%0"]) {
      expect(formatWebUrl(host, 3000)).toMatch(ipLiteralWithZone);
    }
  });
});
