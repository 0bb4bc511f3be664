// The redaction settings turned into the two questions redactPayload.ts asks: is this key a
// secret's name, and could this text hold one (a cheap scan that lets most texts, SQL
// statements among them, skip the closer look of redactText.ts). Built once per settings.
import { CLEAN_TEXTS_LIMITS, createCleanTexts } from "./createCleanTexts";
import { compileKeyPattern, normalizeKeyName, type RedactionSettings } from "./redactionSettings";

export type Redactor = {
  isSecretKey(key: string): boolean;
  /**
   * False when the text cannot hold a secret the rules know: no sensitive word, URL or private
   * key in it, or it was found clean before (noteClean).
   */
  mayHoldSecret(text: string): boolean;
  /**
   * mayHoldSecret with the text to store: null when the text may hold a secret, the kept copy
   * when an equal text was found clean before (createCleanTexts.ts: `find`), undefined when it is
   * clean and stays as it came.
   */
  screen(text: string): string | null | undefined;
  /** The closer look (redactText.ts) found no secret in a text mayHoldSecret let through: it is not looked at again. */
  noteClean(text: string): void;
};

/**
 * Built-in names, compared with normalizeKeyName's form of a key and found anywhere in it:
 * password, admin_password, passwd, X-Auth-Token, X-Subject-Token, auth_token, client_secret,
 * credentials, private_key, Authorization, Proxy-Authorization, api_key, Cookie, Set-Cookie...
 */
const SECRET_WORDS = [
  "password",
  "passwd",
  "passphrase",
  "pwd",
  "secret",
  "token",
  "credential",
  "privatekey",
  "authorization",
  "apikey",
  "cookie",
];
/** Found only at the end of a key: nova's adminPass, db_pass (not "passthrough" or "passenger"). */
const SECRET_ENDINGS = ["pass"];

/** Longer keys are judged each time they come (reading them is the cost either way), not remembered. */
export const MAX_JUDGED_KEY_CHARS = 256;

// By the settings object (one per configuration: called for every notification), then by content.
const bySettings = new WeakMap<RedactionSettings, Redactor>();
const byContent = new Map<string, Redactor>();

export function createRedactor(settings: RedactionSettings): Redactor {
  let redactor = bySettings.get(settings);
  if (redactor) return redactor;
  const id = JSON.stringify([settings.keys, settings.keyPattern]);
  redactor = byContent.get(id);
  if (!redactor) {
    redactor = buildRedactor(settings);
    if (byContent.size >= 8) byContent.clear();
    byContent.set(id, redactor);
  }
  bySettings.set(settings, redactor);
  return redactor;
}

/** A redactor of its own, not shared through createRedactor's cache (tests: the clean texts' limits). */
export function buildRedactor(settings: RedactionSettings, cleanTextsLimits = CLEAN_TEXTS_LIMITS): Redactor {
  const words = [...SECRET_WORDS, ...settings.keys.map(normalizeKeyName)];
  const pattern = settings.keyPattern === null ? null : compileKeyPattern(settings.keyPattern);
  // Keys repeat across notifications (statement, params, host...): each distinct one is judged once.
  // Only short ones are kept: a key may be as long as a string (OSTRACE_MAX_STRING_CHARS), and
  // 10,000 distinct 64K-character keys, sent at 15 a message, held 655 MB for good.
  const judged = new Map<string, boolean>();
  const isSecretKey = (key: string): boolean => {
    let secret = judged.get(key);
    if (secret === undefined) {
      const n = normalizeKeyName(key);
      secret = words.some((w) => n.includes(w)) || SECRET_ENDINGS.some((e) => n.endsWith(e)) || (pattern !== null && pattern.test(key));
      if (key.length > MAX_JUDGED_KEY_CHARS) return secret;
      if (judged.size >= 10_000) judged.clear();
      judged.set(key, secret);
    }
    return secret;
  };
  // Few literal words keep this scan fast (it reads every text): "pass" stands for password,
  // passwd and passphrase, "private" for "private key" and "private_key". An extra name may be
  // written with separators inside a text ("key-name"). A URL with credentials has "://", a
  // private key its PEM header. With a key pattern every text is looked at.
  const extra = settings.keys.map((k) => [...normalizeKeyName(k)].join("[\\W_]?"));
  const scan = new RegExp(
    [
      "pass",
      "pwd",
      "secret",
      "token",
      "credential",
      "private",
      "authorization",
      "api[\\W_]?key",
      "cookie",
      ...extra,
      ":\\/\\/",
      "-----BEGIN",
    ].join("|"),
    "i",
  );
  // Every secret in a text follows a ":" or "=" (a name's value, a URL's password) or "-----" (a PEM header).
  const hasMark = (text: string) => text.includes(":") || text.includes("=") || text.includes("-----");
  // The verdict on a text depends on the text and these settings alone, so a clean one is remembered
  // (createCleanTexts.ts): the same statements come in every batch.
  const clean = createCleanTexts(cleanTextsLimits);
  const screen = (text: string): string | null | undefined => {
    if (!hasMark(text)) return undefined;
    const kept = clean.find(text);
    if (kept !== undefined) return kept;
    if (pattern !== null || scan.test(text)) return null;
    clean.add(text);
    return undefined;
  };
  return { isSecretKey, mayHoldSecret: (text) => screen(text) === null, screen, noteClean: (text) => clean.add(text) };
}
