// Types of view.js (the page is plain JS; these let the TypeScript tests import it).
export interface View {
  start: number;
  end: number;
}
export interface Area {
  left: number;
  width: number;
}
export const MIN_SPAN: number;
export function fullView(length: number): View;
export function clampView(view: View, length: number, minSpan?: number): View;
export function zoomView(
  view: View,
  options: { anchor: number; factor: number; length: number; minSpan?: number },
): View;
export function panView(view: View, rows: number, length: number): View;
export function centerView(center: number, span: number, length: number): View;
export function rowAt(px: number, view: View, area: Area): number;
export function pxAt(row: number, view: View, area: Area): number;
export function boundaryAt(px: number, view: View, area: Area, length: number): number;
export function cellAt(px: number, view: View, area: Area, length: number): number;
export function cellsBetween(
  fromPx: number,
  toPx: number,
  view: View,
  area: Area,
  length: number,
): [number, number];
export function niceTicks(lo: number, hi: number, count?: number): number[];
export function rowTicks(view: View, count?: number): number[];
export function formatValue(value: number | null | undefined): string;
export function formatTime(ms: number): string;
export function pinchView(
  start: View,
  options: {
    from: [number, number];
    to: [number, number];
    area: Area;
    length: number;
    minSpan?: number;
  },
): View;
