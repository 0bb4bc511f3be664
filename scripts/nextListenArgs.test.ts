import { describe, expect, it } from "vitest";
import { loadConfig } from "../lib/config";
import { readNextListenHost } from "../lib/http/access/readNextListenHost";
import { nextListenArgs } from "./nextListenArgs";

describe("nextListenArgs", () => {
  it("passes the configured port and address, HOSTNAME's default and trimming included", () => {
    expect(nextListenArgs(loadConfig({}))).toEqual(["-p", "3000", "-H", "0.0.0.0"]);
    expect(nextListenArgs(loadConfig({ HOSTNAME: " 127.0.0.1 ", PORT: "8080" }))).toEqual(["-p", "8080", "-H", "127.0.0.1"]);
    // A blank HOSTNAME is unset, not an empty -H.
    expect(nextListenArgs(loadConfig({ HOSTNAME: "  " }))).toEqual(["-p", "3000", "-H", "0.0.0.0"]);
  });

  it("leaves out what the command line names, so the operator's -p or -H is the one next start reads", () => {
    const config = loadConfig({ HOSTNAME: "127.0.0.1", PORT: "8080" });
    expect(nextListenArgs(config, ["-H", "::1"])).toEqual(["-p", "8080"]);
    expect(nextListenArgs(config, ["--hostname=::1", "--port", "9000"])).toEqual([]);
    expect(nextListenArgs(config, ["-p", "9000", "--hostname", "::1"])).toEqual([]);
    expect(nextListenArgs(config, ["--port=9000"])).toEqual(["-H", "127.0.0.1"]);
    const given = ["-H", "::1"];
    expect(readNextListenHost([...nextListenArgs(config, given), ...given])).toBe("::1");
    expect(readNextListenHost(nextListenArgs(config))).toBe("127.0.0.1");
  });
});
