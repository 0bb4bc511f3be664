// OSTRACE_AUTH and its companions, read with lib/config.ts's other variables and held to the
// same rule: a bad or contradictory value stops the process with a line naming it. Access fails
// closed: a token or users set without the mode that uses them is refused rather than
// silently leaving ostrace open. Secrets are never echoed in these messages.
import { parsePasswordHash } from "./passwordHash";
import type { AccessConfig, AuthConfig, BasicUser } from "./types";

const AUTH_MODES = ["open", "token", "basic", "proxy"] as const;
const DEFAULT_PROXY_USER_HEADER = "X-Remote-User";
const MIN_TOKEN_CHARS = 16;
/** Printable ASCII without spaces: fits a bearer header and a Basic password alike. */
const TOKEN_TEXT = /^[\x21-\x7e]+$/;
/** Basic sends "user:password", so a name has no ':'; OSTRACE_USERS separates entries with ','. */
const USER_NAME = /^[A-Za-z0-9._@+-]{1,64}$/;

export function readAccessConfig(read: (name: string) => string | undefined, problems: string[]): AccessConfig {
  const modeText = read("OSTRACE_AUTH") ?? "open";
  const mode = (AUTH_MODES as readonly string[]).includes(modeText) ? (modeText as AuthConfig["mode"]) : undefined;
  if (!mode) problems.push(describeBadMode(modeText));

  const token = readToken(read, "OSTRACE_TOKEN", problems);
  const usersText = read("OSTRACE_USERS");
  const userHeader = read("OSTRACE_PROXY_USER_HEADER");
  const ingestToken = readToken(read, "OSTRACE_INGEST_TOKEN", problems);

  const unused = (name: string, wanted: string) =>
    problems.push(`${name} is set but OSTRACE_AUTH is ${mode}, so it would not be used; set OSTRACE_AUTH=${wanted} (or unset ${name})`);
  // With no valid mode, the mode's own message is the one to read: "OSTRACE_TOKEN would not be
  // used" would only repeat it, and be wrong once the mode is fixed.
  if (mode) {
    if (token !== undefined && mode !== "token") unused("OSTRACE_TOKEN", "token");
    if (usersText !== undefined && mode !== "basic") unused("OSTRACE_USERS", "basic");
    if (userHeader !== undefined && mode !== "proxy") unused("OSTRACE_PROXY_USER_HEADER", "proxy");
  }
  if (ingestToken !== undefined && token !== undefined && ingestToken === token) {
    problems.push(
      "OSTRACE_INGEST_TOKEN equals OSTRACE_TOKEN: give senders a token of their own, so it can be rotated or leak without opening the UI",
    );
  }

  let auth: AuthConfig = { mode: "open" };
  if (mode === "token") {
    if (token === undefined && !problems.some((p) => p.startsWith("OSTRACE_TOKEN")))
      problems.push("OSTRACE_AUTH=token needs OSTRACE_TOKEN (e.g. `openssl rand -hex 32`)");
    auth = { mode: "token", token: token ?? "" };
  } else if (mode === "basic") {
    auth = { mode: "basic", users: readUsers(usersText, problems) };
  } else if (mode === "proxy") {
    const header = userHeader ?? DEFAULT_PROXY_USER_HEADER;
    if (!/^[A-Za-z0-9-]{1,64}$/.test(header))
      problems.push(`OSTRACE_PROXY_USER_HEADER=${JSON.stringify(header)}: expected a header name (letters, digits, -)`);
    auth = { mode: "proxy", userHeader: header };
  }

  const metricsText = read("OSTRACE_METRICS_OPEN") ?? "0";
  if (!["0", "1", "true", "false"].includes(metricsText))
    problems.push(`OSTRACE_METRICS_OPEN=${JSON.stringify(metricsText)}: expected 1 or 0`);
  const metricsOpen = metricsText === "1" || metricsText === "true";

  return ingestToken === undefined ? { auth, metricsOpen } : { auth, ingestToken, metricsOpen };
}

/**
 * One line for a mode that is none of the four: a near miss ("Token") is named with its fix; a
 * value with more than a word ("token abc...", "Bearer abc...", as in an Authorization header),
 * or a word as long as a token can be, is not echoed, since it may be the secret itself.
 */
function describeBadMode(text: string): string {
  const expected = `expected ${AUTH_MODES.join(", ")}`;
  const [word = "", ...rest] = text.toLowerCase().split(/[\s:=]/);
  const mode = (AUTH_MODES as readonly string[]).includes(word) ? word : undefined;
  // A mode is a short word: a longer one may be the token itself, put where the mode goes.
  if (rest.length === 0 && text.length < MIN_TOKEN_CHARS)
    return `OSTRACE_AUTH=${JSON.stringify(text)}: ${expected}${mode ? `, in lower case (OSTRACE_AUTH=${mode})` : ""}`;
  const hidden = "OSTRACE_AUTH holds more than a mode (not shown: it may be a secret)";
  if (!mode) return `${hidden}: ${expected}`;
  const companion =
    mode === "token" ? " and put the token in OSTRACE_TOKEN" : mode === "basic" ? " and put the users in OSTRACE_USERS" : "";
  return `${hidden}: set OSTRACE_AUTH=${mode}${companion}`;
}

function readToken(read: (name: string) => string | undefined, name: string, problems: string[]): string | undefined {
  const value = read(name);
  if (value === undefined) return undefined;
  if (value.length < MIN_TOKEN_CHARS || value.length > 1024 || !TOKEN_TEXT.test(value)) {
    problems.push(`${name}: expected ${MIN_TOKEN_CHARS} to 1024 printable characters without spaces (e.g. \`openssl rand -hex 32\`)`);
    return undefined;
  }
  return value;
}

function readUsers(text: string | undefined, problems: string[]): BasicUser[] {
  if (text === undefined) {
    problems.push("OSTRACE_AUTH=basic needs OSTRACE_USERS=name:<hash>,... (make each hash with `npm run hash-password`)");
    return [];
  }
  const users: BasicUser[] = [];
  for (const [index, entry] of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .entries()) {
    const colon = entry.indexOf(":");
    const name = colon < 0 ? "" : entry.slice(0, colon);
    const where = USER_NAME.test(name) ? `user ${JSON.stringify(name)}` : `entry ${index + 1}`;
    if (!USER_NAME.test(name)) {
      problems.push(`OSTRACE_USERS ${where}: expected name:<hash> with a name of 1-64 letters, digits or . _ @ + -`);
      continue;
    }
    if (users.some((user) => user.name === name)) {
      problems.push(`OSTRACE_USERS ${where}: listed twice`);
      continue;
    }
    const hash = parsePasswordHash(entry.slice(colon + 1));
    if ("error" in hash) {
      problems.push(`OSTRACE_USERS ${where}: the password ${hash.error}`);
      continue;
    }
    users.push({ name, hash });
  }
  if (users.length === 0 && !problems.some((p) => p.startsWith("OSTRACE_USERS")))
    problems.push("OSTRACE_USERS: expected at least one name:<hash>");
  return users;
}
