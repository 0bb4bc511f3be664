// Stored rows -> NDJSON of SpanDetails (the answer of /spans/{spanId}, one per line), pulled as
// the client reads: pages of rows come from the database one at a time (lib/db/scanTraceSpanRows)
// and leave as chunks of a few hundred lines, so a million-span trace is never held whole, as
// rows or as text. A client that goes away stops the scan.
import { stringifyJson } from "../notification/stringifyJson";
import type { Json } from "../notification/types";
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { SpanRow } from "../span/types";
import type { SpanDetails } from "./types";

const ROWS_PER_CHUNK = 500;

export function streamSpanDetailsNdjson(pages: AsyncIterable<readonly SpanRow[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const source = pages[Symbol.asyncIterator]();
  let page: readonly SpanRow[] = [];
  let at = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (at >= page.length) {
        const next = await source.next();
        if (next.done) return controller.close();
        page = next.value;
        at = 0;
      }
      const end = Math.min(page.length, at + ROWS_PER_CHUNK);
      let text = "";
      for (; at < end; at++) {
        const span: SpanDetails = convertSpanRowToSpan(page[at]!, { payloads: true });
        // Numbers in the payloads are written as they came, as /spans/{spanId} writes them.
        text += `${stringifyJson(span as unknown as Json)}\n`;
      }
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await source.return?.();
    },
  });
}
