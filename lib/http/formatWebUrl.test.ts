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
