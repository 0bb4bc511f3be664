// The names column's head above a timeline's rows (the trace's and the comparison's): its label,
// and "Reset zoom" at its end while zoomed, beside the ruler: over the ruler the button covered the
// last tick label.
import type { Ref } from "react";
import { Button } from "../ui/Button";

export function NamesHead({
  label,
  zoomed,
  onResetZoom,
  headRef,
}: {
  label: string;
  zoomed: boolean;
  onResetZoom(): void;
  headRef?: Ref<HTMLDivElement>;
}) {
  return (
    <div ref={headRef} className="flex min-w-0 items-center gap-1 px-2">
      <span className="min-w-0 flex-1 truncate">{label}</span>
      {zoomed && (
        <Button variant="primary" size="none" onClick={onResetZoom} className="shrink-0 px-1.5 text-[10px]">
          Reset zoom
        </Button>
      )}
    </div>
  );
}
