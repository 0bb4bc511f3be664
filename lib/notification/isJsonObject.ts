import { isJsonNumber } from "./JsonNumber";
import type { Json, JsonObject } from "./types";

/** A JSON object: not null, not an array, not a number kept as its literal (JsonNumber). */
export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isJsonNumber(value);
}
