// The CLI's help texts: `ostrace --help` and `ostrace <command> --help`. Written for an
// operator who knows `osprofiler trace show` and `osprofiler trace list`.
export const DEFAULT_SERVER_URL = "http://localhost:3000";
export const DEFAULT_PAYLOADS_MB = 50;

const SERVER = `  --url URL        the ostrace server (default: $OSTRACE_URL, else ${DEFAULT_SERVER_URL});
                   behind a login, http://USER:PASSWORD@host:port, or set $OSTRACE_TOKEN
  -h, --help       this help`;

export const CLI_HELP = {
  main: `Usage: ostrace [--url URL] <command> [options]

OSprofiler's habits against an ostrace server:

  trace show <base_id> --json|--dot|--html [--out FILE]   one trace (osprofiler trace show)
  trace list [--error-trace] [--limit N]                  the newest traces (osprofiler trace list)
  import FILE...                                          store OSprofiler reports (--json output)
  tail [-n N]                                             print new traces as they arrive

Options:
${SERVER}

Run \`ostrace <command> --help\` for a command's options. Exit status: 0 done, 1 failed
(server unreachable, unknown trace, refused import), 2 bad arguments.`,

  traceShow: `Usage: ostrace trace show <base_id> (--json | --dot | --html) [--out FILE]

Writes one trace, as \`osprofiler trace show\` does:
  --json           OSprofiler's report, the bytes GET /api/traces/<base_id>/osprofiler.json sends
  --dot            its Graphviz graph (GET .../osprofiler.dot)
  --html           one self-contained HTML file with ostrace's trace viewer: opens offline from
                   disk (no network, nothing from a CDN), 100k spans included
  --out FILE       write to FILE instead of standard output
  --payloads-mb N  --html only: raw payloads (the details panel) kept up to N MB, spans that
                   raised first, then other calls, then SQL (default ${DEFAULT_PAYLOADS_MB}; 0 for none)
${SERVER}`,

  traceList: `Usage: ostrace trace list [--error-trace] [--limit N]

Lists the newest traces, as \`osprofiler trace list\` does, with what each was:
base_id, start (UTC), duration, request, spans, errors.
  --error-trace    only traces in which a call raised
  --limit N        how many (default 50)
${SERVER}`,

  import: `Usage: ostrace import FILE...

Sends each OSprofiler report (what \`osprofiler trace show --json\` wrote; gzip too) to
POST /api/traces/import and prints the trace each became, with its URL. Goes on after a file
that fails, and exits 1 if any did. Without a login of its own, it sends $OSTRACE_INGEST_TOKEN.
${SERVER}`,

  tail: `Usage: ostrace tail [-n N] [--interval SECONDS]

Prints the newest N traces (default 10), then one line per new trace as it arrives, until
Ctrl-C.
  -n, --lines N    how many existing traces first (0 for none)
  --interval SECONDS
                   how often to ask the server (default 2)
${SERVER}`,
} as const;
