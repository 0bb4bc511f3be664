// Path ids are OSprofiler UUIDs (base_id for a trace, trace_id for a span); the collector
// stores them lower case, so an id pasted in upper case still finds its trace.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What an id looks like, in the messages that refuse one. */
export const EXAMPLE_UUID = "0c6a8b65-1e1c-48a4-9b91-820b3225a34e";

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
