// zod as ostrace's modules import it. Some of them also run in the browser (the list's filters;
// payload parsing comes along with lib/trace), where zod would probe for eval with Function("")
// while building each object schema: the pages' Content-Security-Policy refuses that, and each
// refusal is a violation report for nothing (zod then parses without eval anyway). jitless
// skips the probe; it is set here, before any schema is built, and only in the browser, so
// the collector keeps zod's compiled parsers.
import { z } from "zod";

if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
