// Labels for the raw-payload JSON tree: a collapsed object or array shows what it holds.
import type { Json } from "../notification/types";

export function describeJson(value: Json): string {
  if (Array.isArray(value)) return value.length === 1 ? "[1 item]" : `[${value.length} items]`;
  if (value !== null && typeof value === "object") {
    const n = Object.keys(value).length;
    return n === 1 ? "{1 key}" : `{${n} keys}`;
  }
  return formatJsonScalar(value);
}

/** A scalar as JSON writes it (strings quoted, so "null" and null stay distinguishable). */
export function formatJsonScalar(value: null | boolean | number | string): string {
  return JSON.stringify(value);
}

export function isJsonContainer(value: Json): value is Json[] | { [key: string]: Json } {
  return value !== null && typeof value === "object";
}
