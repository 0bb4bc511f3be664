import { describe, expect, it } from "vitest";
import { splitCallKey } from "./splitCallKey";

describe("splitCallKey", () => {
  it("reads a call's key back as its service and span name, split at the first tab", () => {
    expect(splitCallKey("osapi_compute\twsgi")).toEqual({ service: "osapi_compute", name: "wsgi" });
    expect(splitCallKey("api\tdriver\textra")).toEqual({ service: "api", name: "driver\textra" });
  });
});
