// Types of vlist.js (the page is plain JS; these let the TypeScript tests import it).
export interface ListWindow {
  first: number;
  last: number;
  top: number;
  bottom: number;
}
export function listWindow(options: {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewport: number;
  overscan?: number;
}): ListWindow;
export function scrollToShow(options: {
  index: number;
  rowHeight: number;
  scrollTop: number;
  viewport: number;
}): number;
