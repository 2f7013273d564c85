// SVG helpers shared by the plot and the mini-map.

const SVG = 'http://www.w3.org/2000/svg';

/** Creates an SVG element with attributes, appended to `parent` when given. */
export function svgEl(name, attributes = {}, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (parent) parent.appendChild(node);
  return node;
}

/** Path data through `[row, value]` points; a `null` entry lifts the pen (a gap). */
export function pathOf(points, xOf, yOf) {
  let d = '';
  let pen = false;
  for (const point of points) {
    if (point === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${xOf(point[0]).toFixed(1)},${yOf(point[1]).toFixed(1)}`;
    pen = true;
  }
  return d;
}
