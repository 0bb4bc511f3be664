// The web server's start (instrumentation.ts): the configuration is validated like the
// collector's (a bad value stops the server with a line naming it), and ostrace says when it is
// open to a network (lib/http/access/describeAccessWarnings.ts).
import { ConfigError, loadConfig, type Config } from "./lib/config";
import { describeAccessWarnings, describeIgnoredHostname } from "./lib/http/access/describeAccessWarnings";
import { readNextListenHost } from "./lib/http/access/readNextListenHost";
import { createLogger } from "./lib/log";

export function checkWebServerStart(): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`ostrace web: ${error.message}`);
    process.exit(2);
  }
  const log = createLogger("web", config.logLevel);
  // `next start` listens where -H says, or on every interface; it sets PORT once listening.
  const port = Number(process.env.PORT ?? 3000);
  const listenHost = readNextListenHost(process.argv);
  const ignoredHostname = describeIgnoredHostname(process.env.HOSTNAME, listenHost);
  if (ignoredHostname) log.warn(ignoredHostname);
  for (const warning of describeAccessWarnings(config.access, listenHost, port)) log.warn(warning);
}
