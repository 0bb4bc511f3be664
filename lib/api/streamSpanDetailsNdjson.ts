// Stored rows -> NDJSON of SpanDetails (the answer of /spans/{spanId}, one per line), pulled
// in chunks: a 100k-span trace's payloads never become one string.
import { convertSpanRowToSpan } from "../span/convertSpanRowToSpan";
import type { SpanRow } from "../span/types";
import type { SpanDetails } from "./types";

const ROWS_PER_CHUNK = 500;

export function streamSpanDetailsNdjson(rows: readonly SpanRow[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= rows.length) return controller.close();
      const end = Math.min(rows.length, at + ROWS_PER_CHUNK);
      let text = "";
      for (; at < end; at++) {
        const span: SpanDetails = convertSpanRowToSpan(rows[at]!, { payloads: true });
        text += `${JSON.stringify(span)}\n`;
      }
      controller.enqueue(encoder.encode(text));
    },
  });
}
