import { loadConfig } from "../config";
import { createLogger, type Logger } from "../log";

let logger: Logger | undefined;

/** The routes' logger, made on first use so that `next build` reads no configuration. */
export function getApiLogger(): Logger {
  logger ??= createLogger("web.api", loadConfig().logLevel);
  return logger;
}
