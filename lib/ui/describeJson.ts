// Labels for the raw-payload JSON tree: a collapsed object or array shows what it holds.
import { isJsonNumber, type JsonNumber } from "../notification/JsonNumber";
import type { Json } from "../notification/types";

/** A raw payload as the span API gives it (parseExactJsonText keeps its numbers as they came). */
export function describeJson(value: Json): string {
  if (Array.isArray(value)) return value.length === 1 ? "[1 item]" : `[${value.length} items]`;
  if (isJsonContainer(value)) {
    const n = Object.keys(value).length;
    return n === 1 ? "{1 key}" : `{${n} keys}`;
  }
  return formatJsonScalar(value);
}

/** A scalar as JSON writes it (strings quoted, so "null" and null stay distinguishable; a kept literal verbatim). */
export function formatJsonScalar(value: null | boolean | number | string | JsonNumber): string {
  return isJsonNumber(value) ? value.text : JSON.stringify(value);
}

export function isJsonContainer(value: Json): value is Json[] | { [key: string]: Json } {
  return value !== null && typeof value === "object" && !isJsonNumber(value);
}
