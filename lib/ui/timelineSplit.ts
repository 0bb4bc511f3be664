// The split between the timeline's tree column (names) and its bars, as a share of the rows'
// width: what the divider sets by pointer or keyboard and what the browser remembers. The CSS
// grid (app/globals.css, --tree-share) turns the share into a width and keeps both the tree and
// the bars above their minimum widths, so a remembered share from a wide screen is safe on a
// narrow one.

/**
 * The default: at a 1440 px window (rows ~1390 px wide, service and duration columns 14rem)
 * the bars get 62% of the timeline's width and the tree about 290 px, room for a dozen levels
 * of indent and the start of a function name (the divider gives it more).
 */
export const DEFAULT_TREE_SHARE = 0.21;
export const MIN_TREE_SHARE = 0.1;
export const MAX_TREE_SHARE = 0.7;

/** Where the share is remembered (localStorage): one setting for every trace. */
export const TREE_SHARE_STORAGE_KEY = "ostrace:timeline-tree-share";

export function clampTreeShare(share: number): number {
  if (!Number.isFinite(share)) return DEFAULT_TREE_SHARE;
  return Math.min(MAX_TREE_SHARE, Math.max(MIN_TREE_SHARE, share));
}

/** A remembered share, or the default for nothing stored or anything that is not a number in range. */
export function parseStoredTreeShare(raw: string | null): number {
  if (raw === null || !/^0?\.\d{1,6}$/.test(raw.trim())) return DEFAULT_TREE_SHARE;
  return clampTreeShare(Number(raw));
}

export function formatStoredTreeShare(share: number): string {
  return String(Math.round(clampTreeShare(share) * 1000) / 1000);
}

/** The share that puts the divider under the pointer, given the rows' content box on screen. */
export function shareAtPointer(clientX: number, contentLeft: number, contentWidth: number): number {
  if (!(contentWidth > 0)) return DEFAULT_TREE_SHARE;
  return clampTreeShare((clientX - contentLeft) / contentWidth);
}

/** Arrow keys move the divider 2% (10% with Shift), Home and End to its limits, Enter back to the default. */
export function stepTreeShare(share: number, key: string, shiftKey = false): number | null {
  const step = shiftKey ? 0.1 : 0.02;
  switch (key) {
    case "ArrowLeft":
      return clampTreeShare(round(share - step));
    case "ArrowRight":
      return clampTreeShare(round(share + step));
    case "Home":
      return MIN_TREE_SHARE;
    case "End":
      return MAX_TREE_SHARE;
    case "Enter":
      return DEFAULT_TREE_SHARE;
    default:
      return null;
  }
}

/** Keyboard steps land on whole percents, so repeated presses do not accumulate float noise. */
function round(share: number): number {
  return Math.round(share * 100) / 100;
}
