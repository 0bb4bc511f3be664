"use client";
import { ErrorPage } from "@/components/ui/MessagePage";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPage title="Something went wrong" reset={reset}>
      The server could not answer{error.digest ? ` (reference ${error.digest})` : ""}. Is the database reachable (DATABASE_URL)? The server
      log has the details.
    </ErrorPage>
  );
}
