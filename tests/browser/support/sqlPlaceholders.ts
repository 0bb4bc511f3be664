import type { Page } from "playwright-core";

/** What the SQL placeholder tests measure in the page (installPlaceholderMeasures puts it on window). */
type PlaceholderMeasures = {
  /** The placeholders (%(name)s, :name) in a SQL block: tokens, not the formatted lines' boxes (a line may be a placeholder alone). */
  find(block: HTMLElement): HTMLElement[];
  /** Lines its text is laid out on: its characters' boxes by distinct top (its own box is one: a placeholder is an inline-block). */
  lines(span: HTMLElement): number;
  /**
   * Its width on one line: a copy beside it that cannot wrap. Its own box may be narrower than
   * its text at any width (LIMIT's %(param_1)s alone on its line was), so it cannot tell.
   */
  oneLineWidth(span: HTMLElement): number;
};

declare global {
  interface Window {
    placeholderMeasures: PlaceholderMeasures;
  }
}

/** Defines window.placeholderMeasures in the page, for the tests' own evaluate callbacks (which cannot close over this module). */
export async function installPlaceholderMeasures(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.placeholderMeasures = {
      find: (block) =>
        [...block.querySelectorAll<HTMLElement>("span:not([data-sql-line])")].filter((s) => /^(%\(.*\)s|:\w+)$/.test(s.textContent ?? "")),
      lines: (span) => {
        const range = document.createRange();
        range.selectNodeContents(span);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      },
      oneLineWidth: (span) => {
        const copy = span.cloneNode(true) as HTMLElement;
        copy.style.whiteSpace = "nowrap";
        copy.style.maxWidth = "none";
        span.after(copy);
        const width = copy.getBoundingClientRect().width;
        copy.remove();
        return width;
      },
    };
  });
}
