// A request's text that wraps between path segments on a narrow screen (lib/ui/splitAtPathBreaks):
// a <wbr> after each "/", "?" and "&". Pair it with overflow-wrap: break-word, which breaks a
// single segment too long for the line, and only then.
import { Fragment } from "react";
import { splitAtPathBreaks } from "@/lib/ui/splitAtPathBreaks";

export function BreakablePath({ text }: { text: string }) {
  return splitAtPathBreaks(text).map((piece, k) => (
    <Fragment key={k}>
      {k > 0 && <wbr />}
      {piece}
    </Fragment>
  ));
}
