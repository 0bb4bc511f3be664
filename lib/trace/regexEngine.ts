// re2js, the linear-time engine a regex search runs in (searchSpans.ts), is about 100 KB of the
// trace page's script and slow to evaluate (80-170 ms to import in Node on this busy 2-core
// machine), and only a regex search needs it. So it is loaded on first use, in the browser by
// components/trace/useRegexEngine.ts; until it is there a regex search is pending (nothing
// matched, nothing refused), and the views are computed again when it arrives. The server never
// loads it for a page, so a page's HTML and its hydration agree (both pending).
import type { RE2JS } from "re2js";

export type RegexEngine = typeof RE2JS;

let engine: RegexEngine | null = null;
let loading: Promise<RegexEngine> | null = null;

export function getRegexEngine(): RegexEngine | null {
  return engine;
}

export function loadRegexEngine(): Promise<RegexEngine> {
  loading ??= import("re2js").then((module) => (engine = module.RE2JS));
  return loading;
}
