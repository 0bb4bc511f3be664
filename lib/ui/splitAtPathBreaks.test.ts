import { describe, expect, it } from "vitest";
import { splitAtPathBreaks } from "./splitAtPathBreaks";

describe("splitAtPathBreaks", () => {
  it("cuts a request after each slash, so it wraps between segments", () => {
    expect(splitAtPathBreaks("POST /v2.1/servers/{id}/os-volume_attachments")).toEqual([
      "POST /",
      "v2.1/",
      "servers/",
      "{id}/",
      "os-volume_attachments",
    ]);
  });

  it("cuts after a query's ? and &, keeps a run of slashes together", () => {
    expect(splitAtPathBreaks("GET /v2.0/ports?device_id={id}&fields=id")).toEqual([
      "GET /",
      "v2.0/",
      "ports?",
      "device_id={id}&",
      "fields=id",
    ]);
    expect(splitAtPathBreaks("GET //a")).toEqual(["GET //", "a"]);
  });

  it("cuts a dotted name after each dot that a name follows, not inside a version number", () => {
    expect(splitAtPathBreaks("nova.compute.manager.ComputeManager.build_and_run_instance")).toEqual([
      "nova.",
      "compute.",
      "manager.",
      "ComputeManager.",
      "build_and_run_instance",
    ]);
    expect(splitAtPathBreaks("GET /v2.1/os-hypervisors")).toEqual(["GET /", "v2.1/", "os-hypervisors"]);
  });

  it("gives back the text whole, however it is made", () => {
    for (const text of ["", "/", ".", "a.", ".a", "wsgi", "POST /", "a/b/", "?&/", "x".repeat(300)]) {
      expect(splitAtPathBreaks(text).join("")).toBe(text);
      expect(splitAtPathBreaks(text).every((piece) => piece !== "")).toBe(true);
    }
  });
});
