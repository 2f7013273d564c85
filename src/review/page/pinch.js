// Two-finger pinch on touch screens: zooms the plot about the fingers' midpoint and pans with it.
// (A trackpad pinch arrives as Ctrl+wheel and is handled with the wheel.)
import { pinchView } from './view.js';

/**
 * Wires pinching on `svg`. `pointX(event)` gives an event's x in plot pixels; `view()` and
 * `setView(view)` read and set the plot's view; `onStart()` is called when a second finger lands
 * (the plot drops a drag the first finger began). Returns `{ active() }`.
 */
export function wirePinch(svg, { pointX, view, setView, area, length, onStart }) {
  const touches = new Map();
  let pinch = null;
  const xs = () => [...touches.values()].slice(0, 2);
  svg.addEventListener('pointerdown', (event) => {
    if (event.pointerType !== 'touch') return;
    touches.set(event.pointerId, pointX(event));
    if (touches.size === 2) {
      onStart();
      pinch = { from: xs(), view: view() };
    }
  });
  svg.addEventListener('pointermove', (event) => {
    if (!touches.has(event.pointerId)) return;
    touches.set(event.pointerId, pointX(event));
    if (pinch !== null && touches.size >= 2)
      setView(pinchView(pinch.view, { from: pinch.from, to: xs(), area, length }));
  });
  const lift = (event) => {
    touches.delete(event.pointerId);
    if (touches.size < 2) pinch = null;
  };
  svg.addEventListener('pointerup', lift);
  svg.addEventListener('pointercancel', lift);
  return { active: () => pinch !== null };
}
