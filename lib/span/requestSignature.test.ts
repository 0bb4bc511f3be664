import { describe, expect, it } from "vitest";
import { requestSignature } from "./requestSignature";

describe("requestSignature", () => {
  it("folds ids and drops the query of the root request", () => {
    expect(requestSignature("POST", "/v2.1/servers", "wsgi")).toBe("POST /v2.1/servers");
    expect(requestSignature("get", "/v2.0/ports?device_id=3f6c0a9e-1b2c-4d5e-8f90-123456789abc", "wsgi")).toBe("GET /v2.0/ports");
    expect(requestSignature("DELETE", "/v2.1/servers/3f6c0a9e-1b2c-4d5e-8f90-123456789abc/os-volume_attachments/42", "wsgi")).toBe(
      "DELETE /v2.1/servers/{id}/os-volume_attachments/{id}",
    );
  });

  it("names a trace without a root request by its root span, and nothing by nothing", () => {
    expect(requestSignature(null, null, "rpc")).toBe("rpc");
    expect(requestSignature(null, null, null)).toBeNull();
  });

  it("is bounded for a hostile path", () => {
    expect(requestSignature("GET", `/${"z".repeat(10_000)}`, "wsgi")!.length).toBe(300);
  });
});
