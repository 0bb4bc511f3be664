// Newline-delimited JSON read as it arrives: each complete line is parsed and handed on while
// later bytes are still on the way (the chunked compact trace: lib/api/renderCompactTraceChunks).
// A line can be split across reads, and a read can hold many lines.

/** Yields each line's value; throws when the stream ends inside a line that is not empty. */
export async function* readJsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending += decoder.decode(value, { stream: true });
      let newline = pending.indexOf("\n");
      if (newline < 0) continue;
      let from = 0;
      for (; newline >= 0; newline = pending.indexOf("\n", from)) {
        const line = pending.slice(from, newline);
        from = newline + 1;
        if (line.trim() !== "") yield JSON.parse(line);
      }
      pending = pending.slice(from);
    }
    pending += decoder.decode();
    if (pending.trim() !== "") yield JSON.parse(pending);
  } finally {
    reader.releaseLock();
  }
}
