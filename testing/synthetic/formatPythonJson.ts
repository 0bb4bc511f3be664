// JSON text exactly as Python's json.dumps() writes it with its defaults, which is what
// oslo.serialization's jsonutils.dumps and kombu's JSON serializer produce on the wire:
// ", " and ": " separators, ensure_ascii (every non-ASCII character and DEL as \uXXXX, astral
// characters as surrogate pairs), keys in insertion order.
// Numbers: integers print the same in both languages; a float such as 1.0 cannot be told from
// the integer 1 in JavaScript, so the generator only ever produces integers.
import { isJsonNumber } from "../../lib/notification/JsonNumber";
import type { Json } from "../../lib/notification/types";

const PLAIN = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/; // printable ASCII without " and \
const NON_ASCII = /[^\x20-\x7e]/g;

export function formatPythonJson(value: Json): string {
  switch (typeof value) {
    case "string":
      return formatPythonString(value);
    case "number":
      if (!Number.isFinite(value)) throw new Error(`${value} has no JSON form`);
      return String(value);
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (isJsonNumber(value)) return value.text;
      if (Array.isArray(value)) {
        if (value.length === 0) return "[]";
        let text = "[" + formatPythonJson(value[0]!);
        for (let i = 1; i < value.length; i++) text += ", " + formatPythonJson(value[i]!);
        return text + "]";
      }
      let text = "";
      for (const key in value) {
        const item = value[key];
        if (item === undefined) continue;
        text += (text ? ", " : "{") + formatKey(key) + formatPythonJson(item);
      }
      return text ? text + "}" : "{}";
    }
    default:
      throw new Error(`a ${typeof value} has no JSON form`);
  }
}

// SQL statements and argument reprs are long and come back again and again (the same string
// objects, whose hash V8 keeps): remembering their JSON form saves most of the scanning.
const LONG = 160;
const CACHE_LIMIT = 4096;
let cache = new Map<string, string>();

export function formatPythonString(text: string): string {
  if (text.length < LONG) return formatUncached(text);
  let formatted = cache.get(text);
  if (formatted === undefined) {
    formatted = formatUncached(text);
    if (cache.size >= CACHE_LIMIT) cache = new Map();
    cache.set(text, formatted);
  }
  return formatted;
}

// Dict keys are few and constant ("name", "info", "statement", "deleted_1", ...).
let keys = new Map<string, string>();

function formatKey(key: string): string {
  let formatted = keys.get(key);
  if (formatted === undefined) {
    formatted = formatUncached(key) + ": ";
    if (keys.size >= CACHE_LIMIT) keys = new Map();
    keys.set(key, formatted);
  }
  return formatted;
}

function formatUncached(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  // JSON.stringify escapes exactly as Python does for ", \, \b \f \n \r \t and other controls
  // (lower-case \u00xx) and lone surrogates; what it leaves raw, Python escapes as \uxxxx.
  return JSON.stringify(text).replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
