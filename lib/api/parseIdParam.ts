// Path ids are OSprofiler UUIDs (base_id for a trace, trace_id for a span); the collector
// stores them lower case, so an id pasted in upper case still finds its trace.
import { EXAMPLE_UUID, UUID } from "../notification/uuid";

export function parseIdParam(value: string, name: "traceId" | "spanId"): string | { error: string } {
  let text = value;
  try {
    text = decodeURIComponent(value);
  } catch {
    // Next.js hands params over decoded already; a stray "%" stays as it is and fails below.
  }
  text = text.trim();
  if (!UUID.test(text)) {
    const what = name === "traceId" ? "a trace id (OSprofiler base_id)" : "a span id (OSprofiler trace_id)";
    return {
      error: `${name}: ${JSON.stringify(text.slice(0, 80))} is not ${what}: expected a UUID like ${EXAMPLE_UUID}`,
    };
  }
  return text.toLowerCase();
}
