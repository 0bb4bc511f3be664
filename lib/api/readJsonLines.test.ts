import { describe, expect, it } from "vitest";
import { readJsonLines } from "./readJsonLines";

/** A stream that delivers `text` cut at the given byte offsets. */
function streamOf(text: string, cuts: number[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const bounds = [0, ...cuts, bytes.length];
  let k = 0;
  return new ReadableStream({
    pull(controller) {
      if (k + 1 >= bounds.length) return controller.close();
      controller.enqueue(bytes.slice(bounds[k], bounds[k + 1]));
      k++;
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>) {
  const values: unknown[] = [];
  for await (const value of readJsonLines(stream)) values.push(value);
  return values;
}

describe("readJsonLines", () => {
  const text = '{"a":1}\n{"b":"é ü 漢"}\n\n[1,2,3]\n';
  it("parses every line however the bytes are cut, inside a line or a multi-byte character", async () => {
    const expected = [{ a: 1 }, { b: "é ü 漢" }, [1, 2, 3]];
    const length = new TextEncoder().encode(text).length;
    for (let cut = 1; cut < length; cut++) expect(await readAll(streamOf(text, [cut]))).toEqual(expected);
    expect(
      await readAll(
        streamOf(
          text,
          Array.from({ length: length - 1 }, (_, i) => i + 1),
        ),
      ),
    ).toEqual(expected);
    expect(await readAll(streamOf(text, []))).toEqual(expected);
  });

  it("takes a last line without its newline, and fails on a cut one", async () => {
    expect(await readAll(streamOf('{"a":1}\n{"b":2}', [3]))).toEqual([{ a: 1 }, { b: 2 }]);
    await expect(readAll(streamOf('{"a":1}\n{"b":', [3]))).rejects.toThrow(SyntaxError);
  });

  it("hands on a line before the stream has ended", async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"first":true}\n{"sec'));
        else if (sent === 1) {
          await held;
          controller.enqueue(new TextEncoder().encode('ond":true}\n'));
        } else controller.close();
        sent++;
      },
    });
    const lines = readJsonLines(stream);
    expect((await lines.next()).value).toEqual({ first: true });
    release();
    expect((await lines.next()).value).toEqual({ second: true });
    expect((await lines.next()).done).toBe(true);
  });
});
