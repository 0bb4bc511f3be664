"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "../ui/Button";

/** New traces keep arriving: re-reads the list without losing the filters. */
export function RefreshButton() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button onClick={() => startTransition(() => router.refresh())} disabled={pending}>
      {pending ? "Refreshing…" : "Refresh"}
    </Button>
  );
}
