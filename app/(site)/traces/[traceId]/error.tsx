"use client";
import { ErrorPage } from "@/components/ui/MessagePage";

export default function TraceError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPage title="This trace could not be shown" reset={reset}>
      The server failed while reading it{error.digest ? ` (reference ${error.digest})` : ""}; the details are in the server log.
    </ErrorPage>
  );
}
