// Keyboard shortcuts, buttons and filters. Navigation (j/k) never waits for a save; decisions
// and edits go to the save queue through the handlers passed in.
import { byId } from './dom.js';

function toggleHelp(show) {
  const help = byId('help');
  help.hidden = show === undefined ? !help.hidden : !show;
}

/**
 * Wires the page's controls to `{ move(step), decide(action), undo(), setFilter(key, value),
 * redraw() }`.
 */
export function wireControls({ move, decide, undo, setFilter, redraw }) {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = event.target?.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
      if (event.key === 'Escape') event.target.blur();
      return;
    }
    const actions = {
      j: () => move(1),
      k: () => move(-1),
      a: () => decide('accept'),
      r: () => decide('reject'),
      n: () => decide('normal'),
      u: () => undo(),
      '?': () => toggleHelp(),
      Escape: () => toggleHelp(false),
    };
    const run = actions[event.key];
    if (!run) return;
    event.preventDefault();
    run();
  });
  for (const [id, key] of [
    ['filter-unreviewed', 'unreviewed'],
    ['filter-disagree', 'disagreementsFirst'],
  ]) {
    byId(id).addEventListener('change', (event) => setFilter(key, event.target.checked));
  }
  for (const [id, key] of [
    ['filter-category', 'category'],
    ['filter-model', 'model'],
    ['filter-track', 'track'],
  ]) {
    byId(id).addEventListener('change', (event) => setFilter(key, event.target.value));
  }
  byId('btn-accept').addEventListener('click', () => decide('accept'));
  byId('btn-reject').addEventListener('click', () => decide('reject'));
  byId('btn-normal').addEventListener('click', () => decide('normal'));
  byId('btn-undo').addEventListener('click', () => undo());
  byId('help-button').addEventListener('click', () => toggleHelp());
  byId('help-close').addEventListener('click', () => toggleHelp(false));
  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(redraw, 150);
  });
}

/**
 * Wires the plot's and the category keys: `0` resets the zoom, `+`/`-` zoom, arrows pan (through
 * `view: { reset(), zoom(factor), pan(fraction) }`), and `1`…`9` call `digit(n)`. Keys typed into
 * a form field are left alone.
 */
export function wireViewKeys({ view, digit }) {
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const tag = event.target?.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return;
    const actions = {
      0: () => view.reset(),
      '+': () => view.zoom(0.5),
      '=': () => view.zoom(0.5),
      '-': () => view.zoom(2),
      ArrowLeft: () => view.pan(-0.25),
      ArrowRight: () => view.pan(0.25),
    };
    const run =
      actions[event.key] ?? (/^[1-9]$/.test(event.key) ? () => digit(Number(event.key)) : null);
    if (!run) return;
    event.preventDefault();
    run();
  });
}
