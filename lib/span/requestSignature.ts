// A trace's request signature: what kind of request it was, so traces of the same kind can be
// grouped and compared ("POST /v2.1/servers", "GET /v2.0/ports"). It is the root request's
// method and path with ids folded (foldPathIds, the rule the trace page's request line uses);
// a trace whose root is not an HTTP request is known by its root span's name ("rpc").
import { foldPathIds } from "./foldPathIds";

/** Long enough for any real template; a hostile path cannot make the index column unbounded. */
const MAX_SIGNATURE = 300;

export function requestSignature(rootMethod: string | null, rootPath: string | null, rootName: string | null): string | null {
  const signature = rootMethod !== null && rootPath !== null ? `${rootMethod.toUpperCase()} ${foldPathIds(rootPath)}` : rootName;
  return signature === null ? null : signature.slice(0, MAX_SIGNATURE);
}
