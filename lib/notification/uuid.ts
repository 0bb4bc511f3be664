// OSprofiler's ids (base_id, trace_id, parent_id) are UUIDs with dashes, in any case. One pattern
// for what ingest stores (lower-cased, lib/notification/parseProfilerPayload.ts) and what an id in
// a URL (lib/api/parseIdParam.ts) or on the command line (lib/cli/parseCliArgs.ts) must be, so
// every stored trace can be named there and nothing else is looked up.
const UUID_SOURCE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
export const UUID = new RegExp(`^${UUID_SOURCE}$`, "i");
/** The same pattern anywhere in a text: an id in what a user pasted (lib/ui/parseTraceIdInput.ts). */
export const UUID_IN_TEXT = new RegExp(UUID_SOURCE, "i");

/** What an id looks like, in the messages that refuse one. */
export const EXAMPLE_UUID = "0c6a8b65-1e1c-48a4-9b91-820b3225a34e";
