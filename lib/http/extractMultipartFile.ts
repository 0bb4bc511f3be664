// The bytes of one field of a multipart/form-data body (RFC 7578), as they arrive: a browser's
// form upload of a report of hundreds of MB is passed on piece by piece, never held whole (what
// Request.formData() would do). Other fields are read past and dropped. A body that does not
// follow the format, or ends before its closing boundary, is a BodyError 400.
import { BodyError } from "./BodyError";

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from("\r\n");
const HEADERS_END = Buffer.from("\r\n\r\n");

const malformed = () => new BodyError(400, "the multipart/form-data body could not be parsed");

/** The boundary of a multipart/form-data Content-Type, or null when it has none. */
function readMultipartBoundary(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s"]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]!) : null;
}

export async function* extractMultipartFile(
  chunks: AsyncIterable<Uint8Array>,
  contentType: string,
  field: string,
): AsyncGenerator<Uint8Array> {
  const boundary = readMultipartBoundary(contentType);
  if (boundary === null) throw malformed();
  const first = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let pending: Buffer = Buffer.alloc(0);
  let state: "preamble" | "after-boundary" | "headers" | "content" | "done" = "preamble";
  let wanted = false;
  let found = false;

  for await (const chunk of chunks) {
    pending = pending.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([pending, chunk]);
    for (;;) {
      if (state === "preamble") {
        // The first boundary opens the body, or follows a preamble and a line break.
        const at = pending.indexOf(first);
        if (at < 0) {
          if (pending.length > MAX_HEADER_BYTES) throw malformed();
          break;
        }
        if (at !== 0 && !(at >= 2 && pending[at - 2] === 0x0d && pending[at - 1] === 0x0a)) throw malformed();
        pending = pending.subarray(at + first.length);
        state = "after-boundary";
      } else if (state === "after-boundary") {
        if (pending.length < 2) break;
        if (pending[0] === 0x2d && pending[1] === 0x2d) {
          state = "done";
          break;
        }
        const eol = pending.indexOf(CRLF);
        if (eol < 0) {
          if (pending.length > 256) throw malformed();
          break;
        }
        // Transport padding (spaces, tabs) may follow a boundary.
        if (!/^[ \t]*$/.test(pending.subarray(0, eol).toString("latin1"))) throw malformed();
        pending = pending.subarray(eol + 2);
        state = "headers";
      } else if (state === "headers") {
        const end = pending.indexOf(HEADERS_END);
        // A part without headers starts right away with the blank line.
        const bare = pending.length >= 2 && pending[0] === 0x0d && pending[1] === 0x0a;
        if (end < 0 && !bare) {
          if (pending.length > MAX_HEADER_BYTES) throw malformed();
          break;
        }
        const headers = bare ? "" : pending.subarray(0, end).toString("utf8");
        pending = pending.subarray(bare ? 2 : end + 4);
        wanted = !found && nameOf(headers) === field;
        if (wanted) found = true;
        state = "content";
      } else if (state === "content") {
        const at = pending.indexOf(delimiter);
        if (at < 0) {
          // All but what could be the start of the delimiter is content.
          const safe = pending.length - (delimiter.length - 1);
          if (safe > 0) {
            if (wanted) yield pending.subarray(0, safe);
            pending = pending.subarray(safe);
          }
          break;
        }
        if (wanted && at > 0) yield pending.subarray(0, at);
        pending = pending.subarray(at + delimiter.length);
        wanted = false;
        state = "after-boundary";
      } else {
        break;
      }
    }
    if (state === "done") break;
  }
  if (state !== "done") throw malformed();
  if (!found) throw new BodyError(400, `the form has no field "${field}"; send the report file in a field named "${field}"`);
}

/** The field name in a part's Content-Disposition header (form-data; name="file"; filename="x.json"). */
function nameOf(headers: string): string | null {
  for (const line of headers.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== "content-disposition") continue;
    const m = /;\s*name="([^"]*)"/i.exec(line.slice(colon + 1)) ?? /;\s*name=([^;\s]+)/i.exec(line.slice(colon + 1));
    return m ? m[1]! : null;
  }
  return null;
}
