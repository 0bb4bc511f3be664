// zod probes for eval (new Function) to compile its parsers, the first time a schema is built;
// the offline report's CSP forbids eval, so the probe would be reported as a violation. Its
// interpreter is all the view state needs. Imported first by the report's entry, so this runs
// before any module builds a schema.
import { config } from "zod";

config({ jitless: true });
