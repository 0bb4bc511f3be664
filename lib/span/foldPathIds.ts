// A request path with its identifiers folded, so the same call on different resources reads as
// one: "/v2/images/3f6c…/file" -> "/v2/images/{id}/file". UUIDs (with or without dashes), long
// hex strings, numbers and OpenStack's request ids are ids; words and version prefixes stay.
const ID_SEGMENT = /^(?:[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|[0-9a-f]{16,}|\d+|req-[0-9a-f-]{36})$/i;

/** The path without its query, each id segment replaced by "{id}". */
export function foldPathIds(path: string): string {
  const q = path.indexOf("?");
  const bare = q < 0 ? path : path.slice(0, q);
  return bare
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? "{id}" : segment))
    .join("/");
}
