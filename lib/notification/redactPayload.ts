// Masks the secrets of one payload in place, before it is stored: the value of every key named
// like a secret (at any depth: args, kwargs, headers, SQL params, a report's raw payload), and
// the secrets inside every text (redactText.ts). Everything else stays exactly as it came: key
// order, numbers kept as literals (JsonNumber), strings the rules do not touch.
import type { Redactor } from "./createRedactor";
import { isJsonNumber } from "./JsonNumber";
import { redactScreenedText, type RedactedText } from "./redactText";
import { REDACTED } from "./redactedMarker";
import type { Json, JsonObject } from "./types";

/** The fields that become the span's identity columns: never masked, whatever the key rules say. */
const IDENTITY_KEYS = new Set(["name", "base_id", "trace_id", "parent_id", "timestamp", "project", "service"]);

/** Masks in place (the payload must be the caller's own) and says how many values it masked. */
export function redactPayload(payload: JsonObject, redactor: Redactor): number {
  let count = 0;
  // Iterative: the payload was held to the depth limit, but nothing here should depend on it.
  const stack: (JsonObject | Json[])[] = [payload];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child = node[i]!;
        if (typeof child === "string") {
          const redacted = screenText(child, redactor);
          if (redacted !== null) {
            node[i] = redacted.text;
            count += redacted.count;
          }
        } else if (isContainer(child)) stack.push(child);
      }
      continue;
    }
    for (const key of Object.keys(node)) {
      const child = node[key]!;
      if (node === payload && IDENTITY_KEYS.has(key)) continue;
      if (redactor.isSecretKey(key)) {
        if (!hidesNothing(child)) {
          node[key] = REDACTED;
          count++;
        }
      } else if (typeof child === "string") {
        const redacted = screenText(child, redactor);
        if (redacted !== null) {
          node[key] = redacted.text;
          count += redacted.count;
        }
      } else if (isContainer(child)) stack.push(child);
    }
  }
  return count;
}

/**
 * What to store in place of a text, or null when it stays as it came: its secrets masked, or the
 * redactor's kept copy of an equal clean text (the same characters: a statement then reaches the
 * batch's Maps as one string whose hash V8 has kept, not a fresh copy hashed again).
 */
function screenText(text: string, redactor: Redactor): RedactedText | null {
  const kept = redactor.screen(text);
  if (kept === undefined) return null;
  if (kept === null) return redactScreenedText(text, redactor);
  return { text: kept, count: 0 };
}

function isContainer(value: Json): value is JsonObject | Json[] {
  return typeof value === "object" && value !== null && !isJsonNumber(value);
}

/** null, true/false, "" and a value already masked (ours, or oslo's "***") say nothing about a secret. */
function hidesNothing(value: Json): boolean {
  return (
    value === null || typeof value === "boolean" || value === "" || value === REDACTED || (typeof value === "string" && /^\*+$/.test(value))
  );
}
