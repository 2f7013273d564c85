// The review page: loads the queue, shows one item, and turns actions (buttons, keys, drags) into
// versioned writes. A 409 keeps the reviewer's change in memory and offers to re-apply it.
import { api, hasToken, hashParam, rememberItem } from './api.js';
import { byId, h, toast } from './dom.js';
import { renderPanel, withAnomalous } from './panel.js';
import { renderPlot } from './plot.js';
import { fillFilterChoices, renderQueue, visibleItems } from './queue.js';

const NORMAL = 'Normal Sequence';
const state = {
  reviewer: null,
  taxonomy: { univariate: [], multivariate: [] },
  items: [],
  progress: { reviewed: 0, total: 0 },
  filters: { unreviewed: false, disagreementsFirst: false, category: '', model: '' },
  selectedId: null,
  detail: null,
  series: null,
  draft: null,
  /** The write refused with 409, kept so nothing is lost: { body }. */
  conflict: null,
  /** Item ids acted on, newest last, for `u`. */
  undoStack: [],
  busy: false,
};

async function start() {
  if (!hasToken()) {
    byId('center').replaceChildren(h('p', { class: 'error' }, 'Open the URL printed by `anomscope review`: it carries the access token.'));
    return;
  }
  const [config, taxonomy] = await Promise.all([api('/config'), api('/taxonomy')]);
  if (config.status !== 200) {
    byId('center').replaceChildren(h('p', { class: 'error' }, `The server refused the page (${config.body.message ?? config.status}). Open the URL printed at start.`));
    return;
  }
  state.reviewer = hashParam('reviewer') ?? config.body.reviewer;
  state.taxonomy = taxonomy.body;
  byId('reviewer').textContent = state.reviewer;
  await refreshQueue();
  const wanted = Number(hashParam('item'));
  const first = state.items.find((item) => item.id === wanted) ?? visibleItems(state)[0];
  if (first) await select(first.id);
  else renderAll();
}

async function refreshQueue() {
  const { body } = await api(`/items?reviewer=${encodeURIComponent(state.reviewer)}`);
  state.items = body.items;
  state.progress = body.progress;
  fillFilterChoices(state);
}

async function select(id) {
  state.selectedId = id;
  state.conflict = null;
  rememberItem(id);
  const [detail, series] = await Promise.all([api(`/items/${id}?reviewer=${encodeURIComponent(state.reviewer)}`), state.series?.id === id ? { body: state.series.data } : api(`/items/${id}/series`)]);
  if (detail.status !== 200) {
    toast(detail.body.message ?? 'could not load the item', 'error');
    return;
  }
  state.series = { id, data: series.body };
  showDetail(detail.body);
}

function showDetail(detail) {
  state.detail = detail;
  state.draft = detail.displayed === null ? null : structuredClone(detail.displayed);
  const row = state.items.find((item) => item.id === detail.item.id);
  if (row) {
    row.status = detail.current.status;
    row.version = detail.current.version;
    row.category = detail.displayed?.category ?? null;
    row.anomalous = detail.displayed?.anomalous ?? null;
    row.disagreement = detail.disagreement;
  }
  renderAll();
}

function renderAll() {
  renderQueue(state, (id) => select(id));
  renderCenter();
  renderPanel(state, (patch) => edit(patch));
}

function renderCenter() {
  const detail = state.detail;
  byId('item-title').textContent = detail ? `${detail.item.seriesId}` : '';
  byId('item-meta').textContent = detail ? [detail.item.track, detail.item.source, `${detail.item.length} points`, `${detail.item.channels.length} channel${detail.item.channels.length === 1 ? '' : 's'}`].filter(Boolean).join(' · ') : '';
  renderConflict();
  renderHistory();
  const plot = byId('plot');
  if (!detail || !state.series) {
    plot.replaceChildren();
    return;
  }
  renderPlot(plot, {
    series: state.series.data,
    models: detail.item.answers.filter((a) => a.status === 'ok'),
    labelIntervals: state.draft?.intervals ?? [],
    editable: true,
    onChange: (intervals) => {
      const category = state.draft?.category === NORMAL && intervals.length > 0 ? null : (state.draft?.category ?? null);
      edit({ intervals, category });
    },
  });
}

function renderHistory() {
  const entries = state.detail?.history ?? [];
  byId('history').replaceChildren(
    ...entries
      .slice()
      .reverse()
      .map((e) => h('li', {}, h('span', {}, `v${e.version}`), h('span', {}, e.reviewer), h('span', {}, `${e.action} → ${e.status}`), h('span', {}, `${e.label?.category ?? '—'} · ${(e.label?.intervals ?? []).length} interval(s) · ${new Date(e.createdAt).toLocaleString()}`))),
  );
  if (entries.length === 0) byId('history').append(h('li', { class: 'muted' }, 'No decisions yet.'));
}

function renderConflict() {
  const box = byId('conflict');
  if (!state.conflict) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const theirs = state.conflict.body.current;
  box.hidden = false;
  box.replaceChildren(
    h('strong', {}, 'Conflict: '),
    `this item was changed in another window or by another reviewer (now version ${theirs.version}, ${theirs.status}). Your change was not saved; it is kept here.`,
    h('span', { class: 'conflict-actions' },
      h('button', { type: 'button', id: 'conflict-theirs', onclick: () => { const body = state.conflict.body; state.conflict = null; showDetail(body); } }, 'Show their version'),
      h('button', { type: 'button', id: 'conflict-mine', onclick: () => reapplyMine() }, 'Apply mine on top'),
    ),
  );
}

/** Posts one action; on 409 keeps the attempted write for re-applying. */
async function write(action, label) {
  if (!state.detail || state.busy) return false;
  state.busy = true;
  const id = state.detail.item.id;
  const request = { baseVersion: state.detail.current.version, action, reviewer: state.reviewer, ...(label === undefined ? {} : { label: stripSeriesId(label) }) };
  try {
    const { status, body } = await api(`/items/${id}/label`, { method: 'POST', body: request });
    if (status === 409) {
      state.conflict = { body, action, label };
      renderCenter();
      toast('Conflict: someone else changed this item; your change was not saved.', 'error');
      return false;
    }
    if (status !== 200) {
      toast(body.message ?? `the server answered ${status}`, 'error');
      if (label !== undefined) showDetail(state.detail);
      return false;
    }
    if (action !== 'undo') state.undoStack.push(id);
    const wasReviewed = state.items.find((item) => item.id === id)?.status !== 'unreviewed';
    const nowReviewed = body.current.status !== 'unreviewed';
    state.progress.reviewed += Number(nowReviewed) - Number(wasReviewed);
    showDetail(body);
    return true;
  } finally {
    state.busy = false;
  }
}

async function reapplyMine() {
  const { body, action, label } = state.conflict;
  state.detail = body;
  state.conflict = null;
  await write(action, label);
}

function stripSeriesId(label) {
  const { seriesId, ...rest } = label;
  return rest;
}

async function edit(patch) {
  const base = state.draft ?? { seriesId: state.detail.item.seriesId, anomalous: true, intervals: [], channels: null, category: null, explanation: null };
  const next = withAnomalous({ ...base, ...patch });
  state.draft = next;
  await write('edit', next);
}

async function decide(action) {
  const ok = await write(action);
  if (ok && action !== 'undo') move(1);
}

async function undo() {
  const id = state.undoStack.pop() ?? state.detail?.item.id;
  if (id === undefined) return;
  if (id !== state.selectedId) await select(id);
  await write('undo');
}

function move(step) {
  const items = visibleItems(state);
  const index = items.findIndex((item) => item.id === state.selectedId);
  const next = items[index + step] ?? (index === -1 ? items[0] : undefined);
  if (next) select(next.id);
  else renderQueue(state, (id) => select(id));
}

function toggleHelp(show) {
  const help = byId('help');
  help.hidden = show === undefined ? !help.hidden : !show;
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const tag = event.target?.tagName;
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') {
    if (event.key === 'Escape') event.target.blur();
    return;
  }
  const actions = { j: () => move(1), k: () => move(-1), a: () => decide('accept'), r: () => decide('reject'), n: () => decide('normal'), u: () => undo(), '?': () => toggleHelp(), Escape: () => toggleHelp(false) };
  const run = actions[event.key];
  if (!run) return;
  event.preventDefault();
  run();
});

for (const [id, key] of [['filter-unreviewed', 'unreviewed'], ['filter-disagree', 'disagreementsFirst']]) {
  byId(id).addEventListener('change', (event) => {
    state.filters[key] = event.target.checked;
    renderQueue(state, (itemId) => select(itemId));
  });
}
for (const [id, key] of [['filter-category', 'category'], ['filter-model', 'model']]) {
  byId(id).addEventListener('change', (event) => {
    state.filters[key] = event.target.value;
    renderQueue(state, (itemId) => select(itemId));
  });
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
  resizeTimer = setTimeout(renderCenter, 150);
});

start().catch((error) => toast(`could not start: ${error.message}`, 'error'));
