// What is masked at ingest, as the operator configured it (OSTRACE_REDACT, OSTRACE_REDACT_KEYS),
// validated once at start with the other settings. Secrets reach OSprofiler's payloads as
// function arguments, SQL parameters, request headers and connection strings; once stored they
// would be in every view and export, so they are masked before storage (redactPayload.ts).
import { describeRegexSyntaxError } from "./describeRegexSyntaxError";
import { RE2JS } from "re2js";

export type RedactionSettings = {
  enabled: boolean;
  /** Extra key names, matched like the built-in ones (case, "-", "_", "." and spaces ignored; contained anywhere in the key). */
  keys: string[];
  /** A regular expression (RE2 syntax, linear time) a key name is tested against as written, case-insensitively. */
  keyPattern: string | null;
};

export const DEFAULT_REDACTION: RedactionSettings = { enabled: true, keys: [], keyPattern: null };

/** Longer patterns are refused; matching costs at most the program size per character of a key. */
const MAX_PATTERN_CHARS = 500;
const MAX_PATTERN_PROGRAM = 300;
const MAX_KEYS = 64;

/** Reads the two settings; each problem is pushed in the words of lib/config.ts (the variable first). */
export function readRedactionSettings(read: (name: string) => string | undefined, problems: string[]): RedactionSettings {
  const mode = (read("OSTRACE_REDACT") ?? "on").toLowerCase();
  if (mode !== "on" && mode !== "off") problems.push(`OSTRACE_REDACT=${JSON.stringify(mode)}: expected on or off`);
  const raw = read("OSTRACE_REDACT_KEYS");
  const settings: RedactionSettings = { enabled: mode !== "off", keys: [], keyPattern: null };
  if (raw === undefined) return settings;
  if (raw.length > 2 && raw.startsWith("/") && raw.endsWith("/")) {
    const pattern = raw.slice(1, -1);
    const error = checkKeyPattern(pattern);
    if (error) problems.push(`OSTRACE_REDACT_KEYS=${JSON.stringify(raw.slice(0, 100))}: ${error}`);
    else settings.keyPattern = pattern;
    return settings;
  }
  const names = [
    ...new Set(
      raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length > MAX_KEYS) problems.push(`OSTRACE_REDACT_KEYS: ${names.length} names; at most ${MAX_KEYS}`);
  for (const name of names.slice(0, MAX_KEYS)) {
    if (!/^[A-Za-z0-9_. -]{1,64}$/.test(name) || normalizeKeyName(name).length < 2) {
      problems.push(
        `OSTRACE_REDACT_KEYS: ${JSON.stringify(name.slice(0, 80))} is not a key name (2-64 letters or digits, with _ - . or spaces), nor a /regular expression/`,
      );
    } else settings.keys.push(name);
  }
  return settings;
}

/** A key name as the rules compare it: lower case, letters and digits only ("X-Auth-Token" -> "xauthtoken"). */
export function normalizeKeyName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/** Null when the pattern compiles in RE2 within the size bound; else why not. */
function checkKeyPattern(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_CHARS) return `a regular expression of at most ${MAX_PATTERN_CHARS} characters`;
  try {
    new RegExp(pattern, "i");
  } catch (error) {
    return describeRegexSyntaxError(error);
  }
  let compiled: RE2JS;
  try {
    compiled = compileKeyPattern(pattern);
  } catch (error) {
    return `not supported in linear time (no lookaround or backreferences): ${(error as Error).message.replace(/^error parsing regexp: /, "")}`;
  }
  if (compiled.programSize() > MAX_PATTERN_PROGRAM) return `too complex (${compiled.programSize()} steps, at most ${MAX_PATTERN_PROGRAM})`;
  return null;
}

export function compileKeyPattern(pattern: string): RE2JS {
  return RE2JS.compile(RE2JS.translateRegExp(pattern), RE2JS.CASE_INSENSITIVE);
}
