// An upload read as it arrives: the file field of a form body, wherever the pieces are cut (a
// boundary split across two); gzip known by its magic number or as declared; the rest of a
// refused upload still read, up to the limit.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { BodyError } from "./BodyError";
import { extractMultipartFile } from "./extractMultipartFile";
import { gunzipIfCompressed } from "./gunzipIfCompressed";
import { readBodyChunks } from "./readBodyChunks";

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer | BodyError> {
  const out: Uint8Array[] = [];
  try {
    for await (const chunk of chunks) out.push(Uint8Array.from(chunk));
  } catch (error) {
    if (error instanceof BodyError) return error;
    throw error;
  }
  return Buffer.concat(out);
}

/** What a browser sends for a form (Request.formData's own encoder). */
async function encodeForm(fields: [string, string | Blob, string?][]): Promise<{ body: Uint8Array; contentType: string }> {
  const form = new FormData();
  for (const [name, value, filename] of fields) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, value, filename);
  }
  const request = new Request("http://localhost/", { method: "POST", body: form });
  return { body: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get("content-type")! };
}

describe("extractMultipartFile", () => {
  const report = '{"children": [], "text": "\r\n--not-the-boundary\r\n"}'.repeat(50);

  it("gives the file's bytes exactly, wherever the body is cut, with other fields before and after", async () => {
    const { body, contentType } = await encodeForm([
      ["note", "first"],
      ["file", new Blob([report]), "report.json"],
      ["after", "x"],
    ]);
    for (const size of [1, 2, 3, 17, 64, body.length]) {
      const got = await collect(extractMultipartFile(pieces(body, size), contentType, "file"));
      expect(got.toString(), `pieces of ${size}`).toBe(report);
    }
  });

  it("takes a .gz file through, to be decompressed", async () => {
    const gz = gzipSync(report);
    const { body, contentType } = await encodeForm([["file", new Blob([new Uint8Array(gz)]), "report.json.gz"]]);
    expect((await collect(gunzipIfCompressed(extractMultipartFile(pieces(body, 100), contentType, "file"), false))).toString()).toBe(
      report,
    );
  });

  it("refuses a body without the field, cut before its closing boundary, or without a boundary", async () => {
    const other = await encodeForm([["upload", new Blob(["{}"]), "r.json"]]);
    expect(await collect(extractMultipartFile(pieces(other.body, 10), other.contentType, "file"))).toMatchObject({
      status: 400,
      message: 'the form has no field "file"; send the report file in a field named "file"',
    });
    const whole = await encodeForm([["file", new Blob([report]), "r.json"]]);
    const cut = whole.body.subarray(0, whole.body.length - 20);
    expect(await collect(extractMultipartFile(pieces(cut, 10), whole.contentType, "file"))).toMatchObject({
      status: 400,
      message: "the multipart/form-data body could not be parsed",
    });
    expect(await collect(extractMultipartFile(pieces(whole.body, 10), "multipart/form-data", "file"))).toMatchObject({ status: 400 });
  });
});

describe("gunzipIfCompressed", () => {
  it("passes plain bytes through and decompresses gzip, known by its magic number or declared", async () => {
    const text = Buffer.from("{}".repeat(1000));
    expect(await collect(gunzipIfCompressed(pieces(text, 1), false))).toEqual(text);
    expect(await collect(gunzipIfCompressed(pieces(gzipSync(text), 1), false))).toEqual(text);
    expect(await collect(gunzipIfCompressed(pieces(gzipSync(text), 7), true))).toEqual(text);
    expect(await collect(gunzipIfCompressed(pieces(text, 7), true))).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^the file is not valid gzip/),
    });
  });
});

describe("readBodyChunks", () => {
  /** A body of `count` pieces of 1 KB; says how many were pulled and whether it was cancelled. */
  function body(count: number) {
    const seen = { pulled: 0, cancelled: false };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (seen.pulled === count) controller.close();
        else {
          seen.pulled++;
          controller.enqueue(new Uint8Array(1024));
        }
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    return { stream, seen };
  }

  it("reads the rest of the upload when its reader stops early, so the client gets the answer, not a reset", async () => {
    const { stream, seen } = body(100);
    for await (const _ of readBodyChunks(stream, 1 << 20, "too large")) break;
    expect(seen).toEqual({ pulled: 100, cancelled: false });
  });

  it("stops reading past the limit", async () => {
    const { stream, seen } = body(100);
    expect(await collect(readBodyChunks(stream, 10 * 1024, "too large"))).toMatchObject({ status: 413, message: "too large" });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(15); // 11 read, one or two pulled ahead by the stream
    const early = body(100);
    for await (const _ of readBodyChunks(early.stream, 10 * 1024, "too large")) break;
    expect(early.seen.cancelled).toBe(true);
    expect(early.seen.pulled).toBeLessThan(100);
  });
});
