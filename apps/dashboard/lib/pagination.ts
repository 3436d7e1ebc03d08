/**
 * Page arithmetic for job lists: how many pages, and which page links to show (rq-dashboard's window:
 * the first, the last, and a few around the current one, with gaps between).
 */

/** The number of the last page (at least 1: an empty list still has a page that says it is empty). */
export function lastPage(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** Page numbers to link to, in order, with `"gap"` where numbers are skipped. */
export function pageWindow(current: number, last: number, radius = 2): Array<number | "gap"> {
  const pages = new Set<number>([1, last]);
  for (let page = current - radius; page <= current + radius; page++) if (page >= 1 && page <= last) pages.add(page);
  const sorted = [...pages].sort((a, b) => a - b);
  const window: Array<number | "gap"> = [];
  sorted.forEach((page, index) => {
    const previous = sorted[index - 1];
    if (previous !== undefined && page - previous > 1) window.push("gap");
    window.push(page);
  });
  return window;
}
