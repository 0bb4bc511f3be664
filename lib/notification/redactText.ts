// Secrets inside one text: OSprofiler sends a traced function's args and kwargs as Python's repr
// ("{'password': 'hunter2'}"), requests and errors as text, and oslo.db's connection strings
// as URLs. Three kinds are masked with REDACTED, keeping every other character as it was:
//   - the password of a URL: mysql+pymysql://nova:SECRET@ctl/nova -> mysql+pymysql://nova:[redacted]@ctl/nova
//   - a PEM private key block, header to footer (to the end of the text when it was cut)
//   - the value after a secret's name and ":" or "=": 'password': 'x', password=x, X-Auth-Token: x,
//     "token": "x", Authorization: Bearer x (quoted values to their closing quote)
// Every scan is linear in the text: no pattern here can backtrack over more than a fixed span.
import type { Redactor } from "./createRedactor";
import { REDACTED } from "./redactedMarker";

export type RedactedText = { text: string; count: number };

type Cut = { start: number; end: number };

/** The text with its secrets masked and how many, or null when nothing was masked. */
export function redactText(text: string, redactor: Redactor): RedactedText | null {
  if (!redactor.mayHoldSecret(text)) return null;
  return redactScreenedText(text, redactor);
}

/** redactText for a text the redactor's screen already let through (null from `screen`). */
export function redactScreenedText(text: string, redactor: Redactor): RedactedText | null {
  const cuts = [...findPrivateKeys(text), ...findUrlPasswords(text), ...findNamedValues(text, redactor)];
  if (cuts.length === 0) {
    redactor.noteClean(text);
    return null;
  }
  cuts.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  let count = 0;
  for (const cut of cuts) {
    if (cut.start < at) continue; // inside a cut already made (a URL in a private key's value...)
    out += text.slice(at, cut.start) + REDACTED;
    at = cut.end;
    count++;
  }
  return { text: out + text.slice(at), count };
}

const PEM_HEADER = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----/g;

function findPrivateKeys(text: string): Cut[] {
  const cuts: Cut[] = [];
  PEM_HEADER.lastIndex = 0;
  for (let m = PEM_HEADER.exec(text); m !== null; m = PEM_HEADER.exec(text)) {
    const footer = text.indexOf("-----END", m.index + m[0].length);
    const close = footer < 0 ? -1 : text.indexOf("-----", footer + 8);
    const end = close < 0 ? text.length : close + 5;
    cuts.push({ start: m.index, end });
    PEM_HEADER.lastIndex = end;
  }
  return cuts;
}

// user:password@ right after "://"; the password may hold "@" (the last one before the host counts), not "/".
const URL_CREDENTIALS = /:\/\/[^:/@\s]{0,256}:([^/\s]{1,256})@/g;

function findUrlPasswords(text: string): Cut[] {
  const cuts: Cut[] = [];
  URL_CREDENTIALS.lastIndex = 0;
  for (let m = URL_CREDENTIALS.exec(text); m !== null; m = URL_CREDENTIALS.exec(text)) {
    const password = m[1]!;
    const end = m.index + m[0].length - 1;
    if (!isHarmless(password)) cuts.push({ start: end - password.length, end });
  }
  return cuts;
}

// A name (not starting inside another), an optional closing quote, then ":" or "=". The name is
// taken whole at once (the lookahead), so a long one is never re-read from each of its characters.
const NAMED = /(?<![\w.-])(?=([A-Za-z_][\w.-]*))\1["']?[ \t]{0,16}[:=][ \t]{0,16}/g;
const BARE_VALUE = /[^\s,;&)}\]>'"]{1,4096}/y;
/** A named parameter of the SQL (oslo.db's "password=%(password)s"): not a value. */
const SQL_PLACEHOLDER = /%\(\w{1,200}\)s/y;
const AUTH_SCHEME = /^(?:bearer|basic|digest|negotiate|token|oauth|hmac|ntlm)$/i;
const MAX_QUOTED = 64 * 1024;

function findNamedValues(text: string, redactor: Redactor): Cut[] {
  const cuts: Cut[] = [];
  NAMED.lastIndex = 0;
  for (let m = NAMED.exec(text); m !== null; m = NAMED.exec(text)) {
    const name = m[1]!;
    // "database.password" and "conf.password" are secrets, "password.local_user_id" (SQL) is not.
    if (!redactor.isSecretKey(name.slice(name.lastIndexOf(".") + 1))) continue;
    const cut = readValue(text, m.index + m[0].length);
    if (cut === null) continue;
    if (!isHarmless(text.slice(cut.start, cut.end))) cuts.push(cut);
    NAMED.lastIndex = Math.max(NAMED.lastIndex, cut.end);
  }
  return cuts;
}

/** Where the value starting at `at` is (inside its quotes when quoted); null for none or a nested object, list or URL. */
function readValue(text: string, at: number): Cut | null {
  let i = at;
  const c = text[i];
  if (c === undefined || c === "=" || c === "{" || c === "[" || c === "(" || text.startsWith("//", i)) return null;
  if (/[bBuUrR]/.test(c) && (text[i + 1] === "'" || text[i + 1] === '"')) i++; // Python's b'...', u'...', r'...'
  const quote = text[i];
  if (quote === "'" || quote === '"') {
    const limit = Math.min(text.length, i + 1 + MAX_QUOTED);
    let j = i + 1;
    while (j < limit && text[j] !== quote) j += text[j] === "\\" ? 2 : 1;
    return { start: i + 1, end: Math.min(j, text.length) };
  }
  SQL_PLACEHOLDER.lastIndex = i;
  if (SQL_PLACEHOLDER.test(text)) return null;
  BARE_VALUE.lastIndex = i;
  const bare = BARE_VALUE.exec(text);
  if (bare === null) return null;
  let end = i + bare[0].length;
  if (AUTH_SCHEME.test(bare[0]) && text[end] === " ") {
    BARE_VALUE.lastIndex = end + 1;
    const credentials = BARE_VALUE.exec(text);
    if (credentials !== null) end = end + 1 + credentials[0].length;
  }
  return { start: i, end };
}

/**
 * Values that hide nothing, kept as they are: empty, already masked (ours, or oslo's "***"),
 * Python's and JSON's constants, and SQL placeholders (keystone's "password.id = %(id_1)s").
 */
function isHarmless(value: string): boolean {
  return (
    value === "" ||
    value === REDACTED ||
    /^\*+$/.test(value) ||
    /^(?:None|null|True|False|true|false)$/.test(value) ||
    /^(?:%\(\w{1,200}\)s|%s|\?|:\w{1,200})$/.test(value)
  );
}
