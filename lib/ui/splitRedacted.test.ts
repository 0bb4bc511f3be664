import { describe, expect, it } from "vitest";
import { splitRedacted } from "./splitRedacted";

describe("splitRedacted", () => {
  it("cuts a text at each masked part", () => {
    expect(splitRedacted("mysql://nova:[redacted]@ctl/nova")).toEqual([
      { text: "mysql://nova:", redacted: false },
      { text: "[redacted]", redacted: true },
      { text: "@ctl/nova", redacted: false },
    ]);
    expect(splitRedacted("[redacted][redacted]")).toEqual([
      { text: "[redacted]", redacted: true },
      { text: "[redacted]", redacted: true },
    ]);
  });

  it("keeps a text without the marker whole, the empty one included", () => {
    expect(splitRedacted("SELECT 1")).toEqual([{ text: "SELECT 1", redacted: false }]);
    expect(splitRedacted("")).toEqual([{ text: "", redacted: false }]);
    expect(splitRedacted("[redacted")).toEqual([{ text: "[redacted", redacted: false }]);
  });
});
