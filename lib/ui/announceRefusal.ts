// A refused search regex is announced to screen readers once per refusal: its reason quotes the
// pattern ("/(a/i: Unterminated group", re2's "`**`") and counts ("412 steps"), so it changes
// at every keystroke that keeps the same refusal; what stays is the reason with those left out.

/** The refusal a search error stands for, whatever pattern and figures it quotes. */
export function refusalKey(error: string): string {
  return error
    .replace(/\/.*\/[a-z]*: /s, "/…/: ")
    .replace(/`[^`]*`/g, "`…`")
    .replace(/\d+/g, "#");
}

export type Announcement = { key: string | null; text: string };

/**
 * What the live region says after `error`, given what it said: the full reason when a new
 * refusal starts, the same text (so no new announcement) while the refusal stays, nothing
 * without one.
 */
export function nextAnnouncement(was: Announcement, error: string | null): Announcement {
  const key = error === null ? null : refusalKey(error);
  return key === was.key ? was : { key, text: error ?? "" };
}
