// Where a request (a signature such as "POST /v2.1/servers/{id}/os-volume_attachments", or a
// root span's dotted name such as "nova.compute.manager.ComputeManager.build_and_run_instance")
// may wrap on a narrow screen: after each "/", "?" and "&", and after a "." that a name follows
// (not the one of "v2.1"), so it breaks between path segments, query parameters and names, never
// inside a word. The pieces concatenate back to the text.

/** Where each piece ends: a run of "/", "?" and "&", or a "." before a letter. */
const BREAK_AFTER = /[/?&]+|\.(?=[A-Za-z_])/g;

/** The text cut after every "/", "?", "&" and name-separating "." (a run of "/" stays together, as in "//"). */
export function splitAtPathBreaks(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const match of text.matchAll(BREAK_AFTER)) {
    const to = match.index + match[0].length;
    if (to < text.length) pieces.push(text.slice(from, to));
    else break;
    from = to;
  }
  if (from < text.length) pieces.push(text.slice(from));
  return pieces;
}
