import { describe, expect, it } from "vitest";
import { CLI_HELP } from "./cliHelp";
import { parseCliArgs } from "./parseCliArgs";

const ID = "0c6a8b65-1e1c-48a4-9b91-820b3225a34e";
const parse = (args: string, env: Record<string, string> = {}) => parseCliArgs(args.split(" ").filter(Boolean), env);

describe("parseCliArgs", () => {
  it("reads trace show with one format, an output file, and the server from --url, OSTRACE_URL or the default", () => {
    expect(parse(`trace show ${ID} --json`)).toStrictEqual({
      kind: "trace-show",
      url: "http://localhost:3000",
      authorization: null,
      traceId: ID,
      format: "json",
      out: null,
      payloadsBytes: 50_000_000,
    });
    expect(parse(`trace show ${ID.toUpperCase()} --dot --out g.dot`, { OSTRACE_URL: "http://ostrace.example:8080/" })).toMatchObject({
      traceId: ID,
      format: "dot",
      out: "g.dot",
      url: "http://ostrace.example:8080",
    });
    expect(parse(`--url https://proxy/ostrace/ trace show ${ID} --html --payloads-mb 0.5`, { OSTRACE_URL: "http://other" })).toMatchObject({
      format: "html",
      url: "https://proxy/ostrace",
      payloadsBytes: 500_000,
    });
  });

  it("refuses what osprofiler would refuse, saying why, with the command's help", () => {
    const cases: [string, RegExp][] = [
      [`trace show ${ID}`, /choose one of --json, --dot or --html/],
      [`trace show ${ID} --json --html`, /not --json and --html/],
      ["trace show --json", /no base_id given/],
      ["trace show abc --json", /"abc" is not a base_id: expected a UUID/],
      [`trace show ${ID} --json --payloads-mb 3`, /--payloads-mb goes with --html/],
      [`trace show ${ID} --html --payloads-mb -1`, /--payloads-mb/],
      [`trace show ${ID} --jsno`, /Unknown option '--jsno'/],
      ["trace list --limit 0", /--limit "0": expected a whole number from 1/],
      ["trace list extra", /unexpected argument "extra"/],
      ["trace frob", /unknown command "trace frob"/],
      ["import", /no FILE given/],
      ["tail --interval 0", /--interval "0": expected seconds/],
      ["frob", /unknown command "frob"/],
      ["", /no command given/],
      [`trace list --url ftp://x`, /expected an http:\/\/ or https:\/\/ URL/],
      [`trace list --url nope`, /"nope" is not a URL/],
    ];
    for (const [args, message] of cases) {
      const parsed = parse(args);
      expect(parsed.kind, args).toBe("usage-error");
      expect((parsed as { message: string }).message, args).toMatch(message);
    }
    expect(parse(`trace show ${ID}`)).toMatchObject({ help: CLI_HELP.traceShow });
  });

  it("answers --help for the program and for each command", () => {
    expect(parse("--help")).toStrictEqual({ kind: "help", text: CLI_HELP.main });
    expect(parse("help")).toStrictEqual({ kind: "help", text: CLI_HELP.main });
    expect(parse("trace show --help")).toStrictEqual({ kind: "help", text: CLI_HELP.traceShow });
    expect(parse("trace list -h")).toStrictEqual({ kind: "help", text: CLI_HELP.traceList });
    expect(parse("import --help")).toStrictEqual({ kind: "help", text: CLI_HELP.import });
    expect(parse("tail --help")).toStrictEqual({ kind: "help", text: CLI_HELP.tail });
  });

  it("lines up every help text's option descriptions in one column", () => {
    const column = 19; // after "  --url URL        "
    for (const text of Object.values(CLI_HELP)) {
      const lines = text.split("\n");
      lines.forEach((line, k) => {
        if (/^ {2}-/.test(line)) {
          // An option too long for the column stands alone, its description on the next line.
          if (!line.slice(2).includes("  ")) expect(lines[k + 1]).toMatch(new RegExp(`^ {${column}}\\S`));
          else expect(line.slice(column - 2, column + 1)).toMatch(/^ {2}\S$/);
        } else if (/^ {3}/.test(line)) expect(line).toMatch(new RegExp(`^ {${column}}\\S`));
      });
    }
  });

  it("reads trace list, import and tail with their defaults", () => {
    expect(parse("trace list")).toStrictEqual({
      kind: "trace-list",
      url: "http://localhost:3000",
      authorization: null,
      errorOnly: false,
      limit: 50,
    });
    expect(parse("trace list --error-trace --limit 500")).toMatchObject({ errorOnly: true, limit: 500 });
    expect(parse("import a.json b.json.gz")).toStrictEqual({
      kind: "import",
      url: "http://localhost:3000",
      authorization: null,
      files: ["a.json", "b.json.gz"],
    });
    expect(parse("tail")).toStrictEqual({
      kind: "tail",
      url: "http://localhost:3000",
      authorization: null,
      lines: 10,
      intervalMs: 2000,
    });
    expect(parse("tail -n 0 --interval 0.5")).toMatchObject({ lines: 0, intervalMs: 500 });
  });

  it("sends the credentials OSTRACE_AUTH asks for: a user and password in the URL as Basic, else $OSTRACE_TOKEN as Bearer", () => {
    const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString("base64")}`;
    // The URL loses its credentials: fetch refuses such a URL, and it is printed and written into reports.
    expect(parse("trace list --url http://alice:p%40ss%3Aword@ostrace:3000/")).toMatchObject({
      url: "http://ostrace:3000",
      authorization: basic("alice:p@ss:word"),
    });
    expect(parse("tail", { OSTRACE_URL: "https://x:0123456789abcdef0123@ostrace" })).toMatchObject({
      url: "https://ostrace",
      authorization: basic("x:0123456789abcdef0123"),
    });
    expect(parse(`trace show ${ID} --json`, { OSTRACE_TOKEN: "0123456789abcdef0123" })).toMatchObject({
      url: "http://localhost:3000",
      authorization: "Bearer 0123456789abcdef0123",
    });
    // The URL's credentials win over the environment's token.
    expect(parse("trace list --url http://bob:pw@h", { OSTRACE_TOKEN: "t".repeat(16) })).toMatchObject({ authorization: basic("bob:pw") });
    // An import may go in with the ingest token alone; nothing else takes it.
    expect(parse("import a.json", { OSTRACE_INGEST_TOKEN: "ingest-token-0123" })).toMatchObject({
      authorization: "Bearer ingest-token-0123",
    });
    expect(parse("trace list", { OSTRACE_INGEST_TOKEN: "ingest-token-0123" })).toMatchObject({ authorization: null });
    expect(parse("import a.json", { OSTRACE_TOKEN: "ui-token-0123456789", OSTRACE_INGEST_TOKEN: "ingest-token-0123" })).toMatchObject({
      authorization: "Bearer ui-token-0123456789",
    });
    // A URL refused does not echo its password (a CI log keeps what the CLI prints).
    for (const url of ["ftp://alice:s3cret-pw@h", "http://alice:s3cret-pw@", "http://alice:s3cret-pw@h:99999"]) {
      const refused = parseCliArgs(["trace", "list", "--url", url], {});
      expect(refused).toMatchObject({ kind: "usage-error" });
      expect(JSON.stringify(refused)).not.toContain("s3cret-pw");
      expect(JSON.stringify(parseCliArgs(["trace", "list"], { OSTRACE_URL: url }))).not.toContain("s3cret-pw");
    }
    // A password typed with a bare '%' (not an escape): sent as typed, not a crash in decodeURIComponent.
    expect(parse("trace list --url http://alice:50%off@h")).toMatchObject({ url: "http://h", authorization: basic("alice:50%off") });
  });
});
