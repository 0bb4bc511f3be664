// The first-rows benchmark's baseline: a plain virtualized page over the trace's OSprofiler
// report, served by a bare Node HTTP server in the same run. The page fetches the report (gzip,
// as `next start` compresses its answers), walks its tree depth-first into flat columns and
// draws only the rows in view (name, service, a bar), the least any trace page must do. It
// carries the markers the page probes read (timeline-body with data-row-count, treeitem rows
// with data-row), so both pages are timed by the same instruments.
import { createServer, type Server } from "node:http";
import { gzipSync } from "node:zlib";

export type BaselineServer = { url: string; addReport(id: string, reportJson: string): string; stop(): Promise<void> };

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>baseline</title>
<style>
body{margin:0;font:12px system-ui,sans-serif}
header{height:40px;line-height:40px;padding:0 12px;border-bottom:1px solid #ddd}
#body{height:calc(100vh - 41px);overflow:auto;position:relative}
.row{position:absolute;left:0;right:0;height:24px;line-height:24px;white-space:nowrap;overflow:hidden;border-bottom:1px solid #f0f0f0}
.name{display:inline-block;width:480px;overflow:hidden;text-overflow:ellipsis;vertical-align:top}
.bar{position:absolute;top:7px;height:10px;background:#4a7fd0}
</style></head>
<body><header id="title">Loading…</header><div id="body" data-testid="timeline-body"><div id="inner" style="position:relative"></div></div>
<script>
(async () => {
  const report = await (await fetch(new URLSearchParams(location.search).get("report"))).json();
  const name = [], service = [], depth = [], start = [], stop = [];
  const stack = [];
  for (let i = report.children.length - 1; i >= 0; i--) stack.push([report.children[i], 0]);
  while (stack.length) {
    const [node, d] = stack.pop();
    const info = node.info;
    name.push(info.name); service.push(info.service); depth.push(d);
    start.push(info.started ?? 0); stop.push(info.finished ?? info.started ?? 0);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], d + 1]);
  }
  const total = report.info.finished || 1, n = name.length, H = 24;
  const body = document.getElementById("body"), inner = document.getElementById("inner");
  document.getElementById("title").textContent = n + " spans";
  inner.style.height = n * H + "px";
  body.dataset.rowCount = String(n);
  const draw = () => {
    const from = Math.max(0, Math.floor(body.scrollTop / H) - 10), to = Math.min(n, Math.ceil((body.scrollTop + body.clientHeight) / H) + 10);
    const width = body.clientWidth - 500, html = [];
    for (let i = from; i < to; i++) {
      const left = 500 + (start[i] / total) * width, w = Math.max(1, ((stop[i] - start[i]) / total) * width);
      html.push('<div class="row" role="treeitem" data-row="' + i + '" style="top:' + i * H + 'px"><span class="name" style="padding-left:' + Math.min(depth[i], 40) * 8 + 'px">' +
        String(name[i]).replace(/[<&]/g, "") + ' · ' + String(service[i]).replace(/[<&]/g, "") + '</span><span class="bar" style="left:' + left + 'px;width:' + w + 'px"></span></div>');
    }
    inner.innerHTML = html.join("");
  };
  body.addEventListener("scroll", () => requestAnimationFrame(draw), { passive: true });
  draw();
})();
</script></body></html>`;

export async function startBaselineServer(): Promise<BaselineServer> {
  const reports = new Map<string, Buffer>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    if (path === "/") {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(PAGE);
      return;
    }
    const report = reports.get(path);
    if (!report) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "content-type": "application/json",
      "content-encoding": "gzip",
      "content-length": report.length,
      "cache-control": "no-store",
    });
    response.end(report);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("the baseline server has no port");
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    addReport(id, reportJson) {
      const path = `/reports/${id}.json`;
      reports.set(path, gzipSync(reportJson));
      return `${url}/?report=${encodeURIComponent(path)}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
