"use client";
import { ErrorPage } from "@/components/ui/MessagePage";

export default function CompareError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPage title="These traces could not be compared" reset={reset}>
      The server failed while reading them{error.digest ? ` (reference ${error.digest})` : ""}; the details are in the server log.
    </ErrorPage>
  );
}
