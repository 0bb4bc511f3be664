// One timed GET as a browser makes it (Accept-Encoding gzip, deflate, br, as Chromium sends),
// measured to the last byte on the wire; the body is decompressed only after the clock stops.
import { request } from "node:http";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

export type TimedResponse = {
  status: number;
  ms: number;
  /** Bytes on the wire (compressed when the server compressed). */
  wireBytes: number;
  encoding: string | null;
  headers: Record<string, string | string[] | undefined>;
  raw: Buffer;
};

export function timedGet(url: string, headers: Record<string, string> = {}): Promise<TimedResponse> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { headers: { "accept-encoding": "gzip, deflate, br", accept: "application/json", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const ms = performance.now() - t0;
        const raw = Buffer.concat(chunks);
        const encoding = (res.headers["content-encoding"] as string | undefined) ?? null;
        resolve({ status: res.statusCode ?? 0, ms, wireBytes: raw.length, encoding, headers: res.headers, raw });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

export function decodeBody(response: TimedResponse): string {
  const { raw, encoding } = response;
  if (encoding === "gzip") return gunzipSync(raw).toString("utf8");
  if (encoding === "br") return brotliDecompressSync(raw).toString("utf8");
  if (encoding === "deflate") return inflateSync(raw).toString("utf8");
  return raw.toString("utf8");
}
