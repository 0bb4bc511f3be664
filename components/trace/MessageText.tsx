// An exception message in the span details. The page holds it in its page form (a NUL or a lone
// surrogate written as its escape, lib/span/showUnstorable.ts), which reads the same as a clean
// message's own six characters \u0000. Once the span API's raw message is loaded, a message that
// holds such a character is shown from it, each one (a run of the same one) as a label (NUL, U+D800 ×3),
// so the two read apart; a hostile message's thousands of them give at most 100 labels (splitUnstorable).
import { nameUnstorable, splitUnstorable } from "@/lib/ui/splitUnstorable";
import { RedactedText } from "./RedactedText";

/** `shown`: the page's text of the message (its whole one once loaded, when the page's is clipped); `raw`: the span API's, once loaded. */
export function MessageText({ shown, raw }: { shown: string; raw: string | null }) {
  const parts = raw === null ? null : splitUnstorable(raw);
  if (parts === null || !parts.some((part) => part.unstorable)) return <RedactedText text={shown} />;
  return (
    <>
      {parts.map((part, k) => (part.unstorable ? <UnstorableLabel key={k} run={part.text} /> : <RedactedText key={k} text={part.text} />))}
    </>
  );
}

function UnstorableLabel({ run }: { run: string }) {
  const name = nameUnstorable(run);
  const times = run.length > 1 ? ` ×${run.length.toLocaleString("en-US")}` : "";
  const what = name === "NUL" ? "NUL character (U+0000)" : `lone surrogate (${name})`;
  return (
    <span
      className="mx-px inline-block rounded border border-sky-400 bg-sky-100 px-1 font-sans text-[10px] leading-4 font-semibold tracking-wide text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-200"
      title={`${run.length > 1 ? `${run.length.toLocaleString("en-US")} times a` : "A"} ${what} in the message, which a text column cannot store: the page's copy writes it as its escape; the span API and the exports give it as sent`}
      data-testid="unstorable-char"
    >
      <span className="sr-only">[</span>
      {name}
      {times}
      <span className="sr-only">]</span>
    </span>
  );
}
