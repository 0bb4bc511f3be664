// A proxy in front of the test server that sends a page's HTML in pieces, pausing between them, as
// a busy machine or a slow link delivers it: the browser paints the part it has parsed. Everything
// else (scripts, API answers) passes through at once.
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export type StallingProxy = {
  url: string;
  /** How many pauses were made (a test checks that the HTML was cut where it meant to). */
  stalls(): number;
  close(): Promise<void>;
};

/**
 * `cutAt(html)` says where to pause in an HTML answer (offsets; those out of range are skipped),
 * each pause `pauseMs` long.
 */
export async function startStallingProxy(targetUrl: string, cutAt: (html: string) => number[], pauseMs: number): Promise<StallingProxy> {
  const target = new URL(targetUrl);
  let stalls = 0;
  const server = createServer((req, res) => {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        // Uncompressed, so that the HTML can be cut at a text offset.
        headers: { ...req.headers, host: target.host, "accept-encoding": "identity" },
      },
      (answer) => {
        if (!(answer.headers["content-type"] ?? "").includes("text/html")) {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", async () => {
          const html = Buffer.concat(chunks).toString("utf8");
          const headers = { ...answer.headers };
          delete headers["content-length"];
          res.writeHead(answer.statusCode!, headers);
          let sent = 0;
          for (const at of [...cutAt(html)].sort((a, b) => a - b)) {
            if (!(at > sent && at < html.length)) continue;
            res.write(html.slice(sent, at));
            sent = at;
            stalls++;
            await new Promise((resolve) => setTimeout(resolve, pauseMs));
          }
          res.end(html.slice(sent));
        });
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stalls: () => stalls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
