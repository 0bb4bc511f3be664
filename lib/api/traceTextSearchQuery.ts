// GET /api/traces/{id}/search parameters -> the search of the trace's clipped texts: q (the text
// or regex as the page's search box holds it), re=1 (a regex), case=1 (case-sensitive), clip (the
// length the page's texts were clipped at: texts longer than it are searched; 4,000 unless a
// trace's texts were clipped shorter, never below 200, lib/trace/clipTraceTexts.ts).
import { z } from "../zod";
import { TRACE_TEXT_LIMITS } from "../trace/clipTraceTexts";
import type { SpanSearch } from "../trace/searchSpans";
import { parseSearchParams } from "./parseSearchParams";

/** Past what anyone types; a regex is bounded further (MAX_REGEX_CHARS) where it is compiled. */
const MAX_QUERY_CHARS = 1000;
const { minChars, displayChars } = TRACE_TEXT_LIMITS;

const flag = (name: string) =>
  z
    .enum(["", "0", "1", "false", "true"], `expected 1 (${name}) or 0`)
    .transform((s) => s === "1" || s === "true")
    .optional();

const schema = z.object({
  q: z.string().max(MAX_QUERY_CHARS, `at most ${MAX_QUERY_CHARS} characters`),
  re: flag("a regular expression"),
  case: flag("case-sensitive"),
  clip: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, `expected a whole number from ${minChars} to ${displayChars}`)
    .transform(Number)
    .refine((n) => n >= minChars && n <= displayChars, `expected a whole number from ${minChars} to ${displayChars}`)
    .optional(),
});

export type TraceTextSearchQuery = { search: SpanSearch; clippedAbove: number };

export function parseTraceTextSearchQuery(params: URLSearchParams): TraceTextSearchQuery | { error: string } {
  const parsed = parseSearchParams(schema, params);
  if ("error" in parsed) return parsed;
  const { q, re = false, case: caseSensitive = false, clip = displayChars } = parsed.data;
  return { search: { text: q, regex: re, caseSensitive }, clippedAbove: clip };
}
