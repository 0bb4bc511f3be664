// `npx ostrace ...`: the command line against an ostrace server (bin/ostrace.mjs runs this
// through tsx). Arguments are read by lib/cli; this file only runs what they ask and turns
// failures into a message and an exit status: 0 done, 1 failed, 2 bad arguments.
import { parseCliArgs } from "../lib/cli/parseCliArgs";
import { importReports } from "./commands/importReports";
import { listTraces } from "./commands/listTraces";
import { showTrace } from "./commands/showTrace";
import { tailTraces } from "./commands/tailTraces";
import { CliError, createServerClient } from "./serverClient";

async function main(argv: string[]): Promise<number> {
  const command = parseCliArgs(argv, process.env);
  switch (command.kind) {
    case "usage-error":
      process.stderr.write(`ostrace: ${command.message}\n\n${command.help}\n`);
      return 2;
    case "help":
      process.stdout.write(`${command.text}\n`);
      return 0;
    case "trace-show":
      await showTrace(createServerClient(command), command, process.stderr);
      return 0;
    case "trace-list":
      await listTraces(createServerClient(command), command, process.stdout);
      return 0;
    case "import":
      return (await importReports(createServerClient(command), command, process.stdout, process.stderr)) > 0 ? 1 : 0;
    case "tail": {
      const stop = new AbortController();
      process.once("SIGINT", () => stop.abort());
      process.once("SIGTERM", () => stop.abort());
      await tailTraces(createServerClient(command), command, process.stdout, process.stderr, stop.signal);
      return 0;
    }
  }
}

// `ostrace tail | head` closes the pipe: that ends the command, it is not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `ostrace: ${error instanceof CliError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
