// Wire text in which ingest may have masked secrets: each masked part is a "redacted" label
// (copying the text still gives the marker). Rendered as text only.
import { splitRedacted } from "@/lib/ui/splitRedacted";

export function RedactedText({ text }: { text: string }) {
  const parts = splitRedacted(text);
  if (parts.length === 1 && !parts[0]!.redacted) return <>{text}</>;
  return <>{parts.map((part, k) => (part.redacted ? <RedactedLabel key={k} /> : part.text))}</>;
}

function RedactedLabel() {
  return (
    <span
      className="mx-px inline-block rounded border border-amber-400 bg-amber-100 px-1 font-sans text-[10px] leading-4 font-semibold tracking-wide text-amber-900 uppercase dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
      title="A secret, masked when it was received: it was never stored (README: Redaction)"
      data-testid="redacted"
    >
      <span className="sr-only">[</span>redacted<span className="sr-only">]</span>
    </span>
  );
}
