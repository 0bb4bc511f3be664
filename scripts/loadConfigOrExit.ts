// The scripts' configuration: a bad value stops the command with one line naming it and exit
// code 2 (a usage error), before anything is started.
import { ConfigError, loadConfig, type Config } from "../lib/config";

export function loadConfigOrExit(command: string): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${command}: ${error.message}`);
    process.exit(2);
  }
}
