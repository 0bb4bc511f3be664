// argv -> what the CLI is asked to do, or why it cannot be done (exit 2). No I/O here: the
// environment comes in as a value.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { EXAMPLE_UUID, UUID } from "../notification/uuid";
import { CLI_HELP, DEFAULT_PAYLOADS_MB, DEFAULT_SERVER_URL } from "./cliHelp";

/** The server to ask: its URL without credentials, and the Authorization header to send (null: none). */
export type ServerTarget = { url: string; authorization: string | null };

export type CliCommand =
  | { kind: "help"; text: string }
  | ({ kind: "trace-show"; traceId: string; format: "json" | "dot" | "html"; out: string | null; payloadsBytes: number } & ServerTarget)
  | ({ kind: "trace-list"; errorOnly: boolean; limit: number } & ServerTarget)
  | ({ kind: "import"; files: string[] } & ServerTarget)
  | ({ kind: "tail"; lines: number; intervalMs: number } & ServerTarget);

export type CliUsageError = { kind: "usage-error"; message: string; help: string };

const COMMON = { url: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

class UsageError extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
  }
}

export function parseCliArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliCommand | CliUsageError {
  try {
    return parseCommand(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return { kind: "usage-error", message: error.message, help: error.help };
    throw error;
  }
}

function parseCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliCommand {
  // The global --url may stand before the command, as in `ostrace --url X trace list`.
  const args = [...argv];
  const leading: string[] = [];
  while (args[0]?.startsWith("-")) {
    const flag = args.shift()!;
    leading.push(flag);
    if (flag === "--url") leading.push(args.shift() ?? "");
  }
  const [command, ...rest] = args;
  const withLeading = [...leading, ...rest];
  if (command === undefined || command === "help") {
    const { values } = read(leading, {}, CLI_HELP.main);
    if (command === undefined && !values.help && leading.length === 0) throw new UsageError("no command given", CLI_HELP.main);
    return { kind: "help", text: CLI_HELP.main };
  }
  switch (command) {
    case "trace": {
      const [sub, ...subRest] = rest;
      if (sub === "show") return parseTraceShow([...leading, ...subRest], env);
      if (sub === "list") return parseTraceList([...leading, ...subRest], env);
      if (sub === undefined || sub === "--help" || sub === "-h")
        return { kind: "help", text: `${CLI_HELP.traceShow}\n\n${CLI_HELP.traceList}` };
      throw new UsageError(`unknown command "trace ${sub}": expected "trace show" or "trace list"`, CLI_HELP.main);
    }
    case "import": {
      const { values, positionals } = read(withLeading, {}, CLI_HELP.import);
      if (values.help) return { kind: "help", text: CLI_HELP.import };
      if (positionals.length === 0) throw new UsageError("import: no FILE given", CLI_HELP.import);
      return { kind: "import", ...serverTarget(values.url, env, CLI_HELP.import, { ingest: true }), files: positionals };
    }
    case "tail": {
      const { values, positionals } = read(
        withLeading,
        { lines: { type: "string", short: "n" }, interval: { type: "string" } },
        CLI_HELP.tail,
      );
      if (values.help) return { kind: "help", text: CLI_HELP.tail };
      if (positionals.length > 0) throw new UsageError(`tail: unexpected argument ${JSON.stringify(positionals[0])}`, CLI_HELP.tail);
      const lines = wholeNumber(values.lines, "-n", 10, 0, 200, CLI_HELP.tail);
      const interval = values.interval === undefined ? 2 : Number(values.interval);
      if (!(interval >= 0.1 && interval <= 3600))
        throw new UsageError(`tail: --interval ${JSON.stringify(values.interval)}: expected seconds from 0.1 to 3600`, CLI_HELP.tail);
      return { kind: "tail", ...serverTarget(values.url, env, CLI_HELP.tail), lines, intervalMs: Math.round(interval * 1000) };
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`, CLI_HELP.main);
  }
}

function parseTraceShow(args: string[], env: Readonly<Record<string, string | undefined>>): CliCommand {
  const help = CLI_HELP.traceShow;
  const { values, positionals } = read(
    args,
    {
      json: { type: "boolean" },
      dot: { type: "boolean" },
      html: { type: "boolean" },
      out: { type: "string" },
      "payloads-mb": { type: "string" },
    },
    help,
  );
  if (values.help) return { kind: "help", text: help };
  const formats = (["json", "dot", "html"] as const).filter((f) => values[f]);
  if (formats.length !== 1) {
    throw new UsageError(
      formats.length === 0
        ? "trace show: choose one of --json, --dot or --html"
        : `trace show: choose one of --json, --dot or --html, not ${formats.map((f) => `--${f}`).join(" and ")}`,
      help,
    );
  }
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0 ? "trace show: no base_id given" : `trace show: one base_id, got ${positionals.length} arguments`,
      help,
    );
  const traceId = positionals[0]!.trim();
  if (!UUID.test(traceId))
    throw new UsageError(
      `trace show: ${JSON.stringify(traceId.slice(0, 80))} is not a base_id: expected a UUID like ${EXAMPLE_UUID}`,
      help,
    );
  if (values["payloads-mb"] !== undefined && formats[0] !== "html")
    throw new UsageError("trace show: --payloads-mb goes with --html", help);
  const mb = values["payloads-mb"] === undefined ? DEFAULT_PAYLOADS_MB : Number(values["payloads-mb"]);
  if (!(mb >= 0 && mb <= 100_000))
    throw new UsageError(
      `trace show: --payloads-mb ${JSON.stringify(values["payloads-mb"])}: expected a number of megabytes, 0 or more`,
      help,
    );
  if (values.out === "") throw new UsageError("trace show: --out needs a file name", help);
  return {
    kind: "trace-show",
    ...serverTarget(values.url, env, help),
    traceId: traceId.toLowerCase(),
    format: formats[0]!,
    out: typeof values.out === "string" ? values.out : null,
    payloadsBytes: Math.round(mb * 1e6),
  };
}

function parseTraceList(args: string[], env: Readonly<Record<string, string | undefined>>): CliCommand {
  const help = CLI_HELP.traceList;
  const { values, positionals } = read(args, { "error-trace": { type: "boolean" }, limit: { type: "string" } }, help);
  if (values.help) return { kind: "help", text: help };
  if (positionals.length > 0) throw new UsageError(`trace list: unexpected argument ${JSON.stringify(positionals[0])}`, help);
  return {
    kind: "trace-list",
    ...serverTarget(values.url, env, help),
    errorOnly: values["error-trace"] === true,
    limit: wholeNumber(values.limit, "--limit", 50, 1, 100_000, help),
  };
}

type Options = NonNullable<ParseArgsConfig["options"]>;

function read(args: string[], options: Options, help: string) {
  try {
    const parsed = parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (error) {
    // Node's messages name the option ("Unknown option '--jsno'"); say it without Node's hints.
    throw new UsageError((error as Error).message.split(". ")[0]!.replace(/\.$/, ""), help);
  }
}

function wholeNumber(text: string | boolean | undefined, flag: string, fallback: number, min: number, max: number, help: string): number {
  if (text === undefined) return fallback;
  if (typeof text !== "string" || !/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`${flag} ${JSON.stringify(text)}: expected a whole number from ${min} to ${max}`, help);
  }
  return Number(text);
}

/**
 * The server from --url, $OSTRACE_URL or the default, and its credentials for OSTRACE_AUTH=token or
 * basic: a user and password in the URL (`http://alice:PASSWORD@host:3000`, or any user with the
 * token as password) become HTTP Basic, else $OSTRACE_TOKEN is sent as a bearer token, and an
 * import falls back to $OSTRACE_INGEST_TOKEN. The credentials leave the URL (fetch refuses a URL
 * that carries them, and the URL is printed in messages and written into offline reports).
 */
function serverTarget(
  flag: string | boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
  help: string,
  { ingest = false } = {},
): ServerTarget {
  const text = typeof flag === "string" ? flag : env.OSTRACE_URL || DEFAULT_SERVER_URL;
  // A refused URL is echoed without its user and password: what the CLI prints ends up in CI logs.
  const shown = JSON.stringify(text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1…@"));
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--url ${shown} is not a URL: expected e.g. ${DEFAULT_SERVER_URL}`, help);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`--url ${shown}: expected an http:// or https:// URL`, help);
  let authorization: string | null = null;
  if (url.username !== "" || url.password !== "") {
    const userPass = `${decodeUserinfo(url.username)}:${decodeUserinfo(url.password)}`;
    authorization = `Basic ${Buffer.from(userPass).toString("base64")}`;
    url.username = "";
    url.password = "";
  } else {
    const token = env.OSTRACE_TOKEN || (ingest ? env.OSTRACE_INGEST_TOKEN : undefined);
    if (token) authorization = `Bearer ${token}`;
  }
  return { url: url.href.replace(/\/+$/, ""), authorization };
}

/** A URL's user or password as typed: its %XX escapes decoded, a bare '%' (URL keeps it as it is) kept. */
function decodeUserinfo(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes; // not UTF-8: the bytes as typed
    }
  });
}
