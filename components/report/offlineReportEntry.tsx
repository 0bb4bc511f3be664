// The browser entry of the offline report (bundled by the CLI with esbuild): the trace page's
// own viewer, fed from the data inlined in the file, under a small header that says what the
// file is. The view state lives in the file's URL (?q=...) as on the server's page.
import "./configureZodForCsp";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { TraceViewer } from "../trace/TraceViewer";
import { TraceDataSourceContext } from "../trace/traceDataSource";
import { createInlineTraceDataSource, readReportMeta } from "./inlineTraceDataSource";

const meta = readReportMeta();
// One source for the page's life: the viewer's hooks depend on its identity.
const source = createInlineTraceDataSource(meta);

function OfflineReport() {
  return (
    <>
      <header className="border-b border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="mx-auto flex h-12 max-w-[120rem] items-center gap-4 px-4 text-sm">
          <span className="text-lg font-semibold tracking-tight">ostrace</span>
          <span className="text-zinc-600 dark:text-zinc-400" data-testid="report-origin">
            offline report, written {meta.writtenAt.replace("T", " ").replace(/\.\d+Z$/, " UTC")} from {meta.serverUrl}
          </span>
        </div>
      </header>
      <TraceDataSourceContext.Provider value={source}>
        <TraceViewer traceId={meta.traceId} initialQuery={window.location.search.replace(/^\?/, "")} />
      </TraceDataSourceContext.Provider>
    </>
  );
}

createRoot(document.getElementById("ostrace-report")!).render(
  <StrictMode>
    <OfflineReport />
  </StrictMode>,
);
