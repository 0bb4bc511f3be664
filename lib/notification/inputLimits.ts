// How much of one message ostrace is willing to look at. Every message is checked against these
// while it is decoded, before anything recursive touches it: JSON.stringify overflows the stack
// near 5,000 levels of nesting, so a 36 KB payload nested 6,000 deep used to fail its whole batch.
// Structure over a limit (depth, number of values) quarantines the message with the reason; a
// string over the limit is cut and marked (cutLongString.ts), so a huge SQL statement still
// leaves its span. Identity texts (name, project, service, host) go into columns, list filters
// and trace summaries, so they are held to MAX_NAME_CHARS; OpenStack's own are far shorter.
import type { RedactionSettings } from "./redactionSettings";

export type InputLimits = {
  /** A larger message is quarantined before it is parsed. */
  maxNotificationBytes: number;
  /** Deepest nesting of objects and arrays in one message ({} is 1). */
  maxJsonDepth: number;
  /** Object members plus array elements in one message, at every level. */
  maxJsonItems: number;
  /** A longer string in a payload is cut to this many characters and marked. */
  maxStringChars: number;
  /** What is masked before storage (redactionSettings.ts); without it, the defaults. */
  redaction?: RedactionSettings;
};

export const DEFAULT_INPUT_LIMITS: InputLimits = {
  maxNotificationBytes: 1024 * 1024,
  // OSprofiler payloads nest 4-6 deep (message, payload, info, db, params); 64 leaves room for
  // any real SQL params or request info, and stays far from the stack's ~5,000.
  maxJsonDepth: 64,
  // A bulk INSERT's params: 1,000 rows of 20 columns is 20,000 values.
  maxJsonItems: 50_000,
  // nova's largest statements are a few KB; a 64K-character statement is still readable whole.
  maxStringChars: 65_536,
};

/** Largest nesting an operator may allow: JSON.stringify of the payload must stay far from the stack limit. */
export const MAX_JSON_DEPTH_CEILING = 1000;

/** Span name (without -start/-stop), project, service and host: longer ones are quarantined. */
export const MAX_NAME_CHARS = 255;

/** Limits given in part get the defaults for the rest; a number is the byte limit alone (the collector before it passed the whole configuration). */
export function resolveInputLimits(limits: number | (Pick<InputLimits, "maxNotificationBytes"> & Partial<InputLimits>)): InputLimits {
  if (typeof limits === "number") return { ...DEFAULT_INPUT_LIMITS, maxNotificationBytes: limits };
  return {
    maxNotificationBytes: limits.maxNotificationBytes,
    maxJsonDepth: limits.maxJsonDepth ?? DEFAULT_INPUT_LIMITS.maxJsonDepth,
    maxJsonItems: limits.maxJsonItems ?? DEFAULT_INPUT_LIMITS.maxJsonItems,
    maxStringChars: limits.maxStringChars ?? DEFAULT_INPUT_LIMITS.maxStringChars,
    ...(limits.redaction ? { redaction: limits.redaction } : {}),
  };
}
