// The review page: loads the queue, shows one item, and turns actions (buttons, keys, drags) into
// versioned writes. Writes go through a save queue (saves.js): actions made while a save is in
// flight wait and go out in order. A 409 keeps the reviewer's changes in memory and offers to
// re-apply them.
import { api, hasToken, hashParam, rememberItem } from './api.js';
import { renderConflictBox, renderHistoryList } from './center.js';
import { byId, h, toast } from './dom.js';
import { categoryChoices, renderPanel, renderStatus, sameLabel, withAnomalous } from './panel.js';
import { panPlot, renderPlot, resetPlotView, zoomPlot } from './plot.js';
import { DIGIT_WAIT_MS, pressDigit } from './keys.js';
import { normalizeChannels } from './labels.js';
import { fillFilterChoices, renderQueue, visibleItems } from './queue.js';
import { createSaveQueue } from './saves.js';
import { wireControls, wireViewKeys } from './controls.js';

const NORMAL = 'Normal Sequence';
const state = {
  reviewer: null,
  taxonomy: { univariate: [], multivariate: [] },
  items: [],
  progress: { reviewed: 0, total: 0 },
  filters: { unreviewed: false, disagreementsFirst: false, category: '', model: '', track: '' },
  selectedId: null,
  detail: null,
  series: null,
  draft: null,
  /** What the panel and plot were last drawn with: { itemId, draft }. */
  rendered: null,
  /** The plot was due a redraw during a drag; it is redrawn when the drag ends. */
  plotStale: false,
  /** Latest item detail a save returned, per item id (a slower load must not hide it). */
  latest: new Map(),
  /** Writes refused with 409, per item id, kept so nothing is lost: { body, entries }. */
  conflicts: new Map(),
  /** Item ids acted on, newest last, for `u`. */
  undoStack: [],
};

const saves = createSaveQueue({
  send: (entry, baseVersion) =>
    api(`/items/${entry.itemId}/label`, {
      method: 'POST',
      body: {
        baseVersion,
        action: entry.action,
        reviewer: state.reviewer,
        ...(entry.label === undefined ? {} : { label: stripSeriesId(entry.label) }),
      },
    }),
  onSaved,
  onConflict,
  onFailed,
  onNetworkError: (entry, error) =>
    toast(
      `could not reach the server (${error.message}); your change to ${nameOf(entry.itemId)} is kept and will be retried`,
      'error',
    ),
  onChange: renderSaving,
});

async function start() {
  if (!hasToken()) {
    byId('center').replaceChildren(
      h(
        'p',
        { class: 'error' },
        'Open the URL printed by `anomscope review`: it carries the access token.',
      ),
    );
    return;
  }
  const [config, taxonomy] = await Promise.all([api('/config'), api('/taxonomy')]);
  if (config.status !== 200) {
    byId('center').replaceChildren(
      h(
        'p',
        { class: 'error' },
        `The server refused the page (${config.body.message ?? config.status}). Open the URL printed at start.`,
      ),
    );
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
  rememberItem(id);
  const [detail, series] = await Promise.all([
    api(`/items/${id}?reviewer=${encodeURIComponent(state.reviewer)}`),
    state.series?.id === id ? { body: state.series.data } : api(`/items/${id}/series`),
  ]);
  // The reviewer may have moved on (j/k work while saves are in flight): show only the latest pick.
  if (state.selectedId !== id) return;
  if (detail.status !== 200) {
    toast(detail.body.message ?? 'could not load the item', 'error');
    return;
  }
  state.series = { id, data: series.body };
  // A save that answered while this load was on its way has the newer state.
  const saved = state.latest.get(id);
  showDetail(
    saved !== undefined && saved.current.version > detail.body.current.version
      ? saved
      : detail.body,
  );
}

function showDetail(detail) {
  const id = detail.item.id;
  saves.noteVersion(id, detail.current.version);
  updateRow(detail);
  state.detail = detail;
  state.draft =
    localDraft(id) ?? (detail.displayed === null ? null : structuredClone(detail.displayed));
  // When the label on screen is already what the reviewer sees (their own edits saved one by one),
  // redraw only the status: redrawing the panel would take away focus or half-typed text.
  if (state.rendered?.itemId === id && sameLabel(state.rendered.draft, state.draft)) {
    renderQueue(state, (itemId) => select(itemId));
    renderStatus(detail);
    renderHistory();
    renderConflict();
    return;
  }
  renderAll();
}

/** The label the reviewer's unsaved actions on an item lead to, or undefined when none wait. */
function localDraft(id) {
  const waiting = [...(state.conflicts.get(id)?.entries ?? []), ...saves.pendingFor(id)];
  const last = waiting.filter((entry) => entry.label !== undefined).pop();
  return last === undefined ? undefined : structuredClone(last.label);
}

function updateRow(detail) {
  const row = state.items.find((item) => item.id === detail.item.id);
  if (!row) return;
  row.status = detail.current.status;
  row.version = detail.current.version;
  const decided = detail.current.status !== 'unreviewed';
  row.labelledBy = decided ? detail.current.reviewer : null;
  row.labelledAt = decided ? detail.current.createdAt : null;
  row.category = detail.displayed?.category ?? null;
  row.anomalous = detail.displayed?.anomalous ?? null;
  row.disagreement = detail.disagreement;
  state.progress.reviewed = state.items.filter((item) => item.status !== 'unreviewed').length;
}

function renderAll() {
  renderQueue(state, (id) => select(id));
  renderCenter();
  renderPanel(state, (patch) => edit(patch));
  state.rendered = state.detail
    ? { itemId: state.detail.item.id, draft: structuredClone(state.draft) }
    : null;
}

function renderCenter() {
  const detail = state.detail;
  renderHelpCategories();
  byId('item-title').textContent = detail ? `${detail.item.seriesId}` : '';
  byId('item-meta').textContent = detail
    ? [
        detail.item.track,
        detail.item.source,
        `${detail.item.length} points`,
        `${detail.item.channels.length} channel${detail.item.channels.length === 1 ? '' : 's'}`,
      ]
        .filter(Boolean)
        .join(' · ')
    : '';
  renderConflict();
  renderHistory();
  drawPlot();
}

function drawPlot() {
  const detail = state.detail;
  const plot = byId('plot');
  if (!detail || !state.series) {
    plot.replaceChildren();
    return;
  }
  // Redrawing mid-drag would drop the drag; the plot catches up when it ends.
  if (plot.dataset.dragging === 'true') {
    state.plotStale = true;
    return;
  }
  const itemId = detail.item.id;
  renderPlot(plot, {
    series: state.series.data,
    models: detail.item.answers.filter((a) => a.status === 'ok'),
    labelIntervals: state.draft?.intervals ?? [],
    labelChannels: state.draft?.intervalChannels ?? null,
    editable: true,
    onChange: (intervals, intervalChannels) => {
      if (state.detail?.item.id !== itemId) return;
      const category =
        state.draft?.category === NORMAL && intervals.length > 0
          ? null
          : (state.draft?.category ?? null);
      edit({ intervals, intervalChannels, category });
    },
    onDragEnd: () => {
      if (!state.plotStale) return;
      state.plotStale = false;
      drawPlot();
    },
  });
}

function renderHistory() {
  renderHistoryList(state.detail);
}

function renderConflict() {
  const id = state.selectedId;
  renderConflictBox(state.conflicts.get(id), {
    onTheirs: () => keepTheirs(id),
    onMine: () => applyMine(id),
  });
}

function renderSaving() {
  const count = saves.size();
  const box = byId('saving');
  box.hidden = count === 0;
  box.dataset.count = String(count);
  box.textContent = count > 1 ? `saving… (${count})` : 'saving…';
}

function onSaved(entry, body) {
  state.latest.set(entry.itemId, body);
  if (entry.itemId === state.selectedId) showDetail(body);
  else {
    updateRow(body);
    renderQueue(state, (id) => select(id));
  }
}

function onConflict(entries, body) {
  const id = entries[0].itemId;
  state.conflicts.set(id, { body, entries });
  state.latest.set(id, body);
  if (id === state.selectedId) {
    renderConflict();
    toast('Conflict: someone else changed this item; your change was not saved.', 'error');
  } else {
    renderQueue(state, (itemId) => select(itemId));
    toast(
      `Conflict on ${nameOf(id)}: someone else changed it; your change is kept there until you choose a version.`,
      'error',
    );
  }
}

function onFailed(entry, body, status) {
  toast(`${nameOf(entry.itemId)}: ${body?.message ?? `the server answered ${status}`}`, 'error');
  forgetUndo([entry]);
  if (entry.itemId === state.selectedId && state.detail?.item.id === entry.itemId)
    showDetail(state.detail);
}

function keepTheirs(id) {
  const conflict = state.conflicts.get(id);
  if (conflict === undefined) return;
  state.conflicts.delete(id);
  forgetUndo(conflict.entries);
  showDetail(conflict.body);
}

function applyMine(id) {
  const conflict = state.conflicts.get(id);
  if (conflict === undefined) return;
  state.conflicts.delete(id);
  saves.setVersion(id, conflict.body.current.version);
  saves.push(...conflict.entries);
  showDetail(conflict.body);
}

function forgetUndo(entries) {
  for (const entry of entries) {
    const at = state.undoStack.lastIndexOf(entry.itemId);
    if (entry.action !== 'undo' && at !== -1) state.undoStack.splice(at, 1);
  }
}

function nameOf(id) {
  return state.items.find((item) => item.id === id)?.seriesId ?? `item ${id}`;
}

function stripSeriesId(label) {
  const { seriesId: _seriesId, ...rest } = label;
  return rest;
}

/** Queues one action; false when it was held back with the item's unresolved conflict. */
function enqueue(entry) {
  if (entry.action !== 'undo') state.undoStack.push(entry.itemId);
  const conflict = state.conflicts.get(entry.itemId);
  if (conflict !== undefined) {
    conflict.entries.push(entry);
    toast('Kept with the unresolved conflict: choose a version first.', 'error');
    return false;
  }
  saves.push(entry);
  return true;
}

function edit(patch) {
  if (!state.detail) return;
  const base = state.draft ?? {
    seriesId: state.detail.item.seriesId,
    anomalous: true,
    intervals: [],
    channels: null,
    category: null,
    explanation: null,
  };
  const next = withAnomalous(
    normalizeChannels({ ...base, ...patch }, state.detail.item.channels.length),
  );
  state.draft = next;
  enqueue({ itemId: state.detail.item.id, action: 'edit', label: structuredClone(next) });
}

function decide(action) {
  if (!state.detail) return;
  if (enqueue({ itemId: state.detail.item.id, action })) move(1);
}

function undo() {
  const id = state.undoStack.pop() ?? state.detail?.item.id;
  if (id === undefined) return;
  enqueue({ itemId: id, action: 'undo' });
  if (id !== state.selectedId) select(id);
}

function move(step) {
  const items = visibleItems(state);
  const index = items.findIndex((item) => item.id === state.selectedId);
  const next = items[index + step] ?? (index === -1 ? items[0] : undefined);
  if (next) select(next.id);
  else renderQueue(state, (id) => select(id));
}

/** The categories number keys pick for the item on screen, in key order. */
function keyedCategories() {
  return categoryChoices(state.taxonomy, state.detail?.item.channels.length ?? 1);
}

function renderHelpCategories() {
  const list = byId('help-categories');
  if (list === null) return;
  list.replaceChildren(
    ...keyedCategories().map((name, index) =>
      h('li', {}, h('kbd', {}, String(index + 1)), ` ${name}`),
    ),
  );
}

/** A number key: picks that category (two digits wait for each other, see keys.js). */
let digitState = { pending: null, timer: undefined };
function digit(n) {
  clearTimeout(digitState.timer);
  const names = keyedCategories();
  const step = pressDigit(digitState.pending, n, names.length);
  for (const pick of [step.pick, step.then ?? null])
    if (pick !== null) pickCategory(names[pick - 1]);
  digitState = { pending: step.pending, timer: undefined };
  if (step.pending !== null)
    digitState.timer = setTimeout(() => {
      const waiting = digitState.pending;
      digitState = { pending: null, timer: undefined };
      if (waiting !== null) pickCategory(keyedCategories()[waiting - 1]);
    }, DIGIT_WAIT_MS);
}

function pickCategory(name) {
  if (!state.detail || name === undefined || state.draft?.category === name) return;
  edit({ category: name });
  renderPanel(state, (patch) => edit(patch));
  state.rendered = { itemId: state.detail.item.id, draft: structuredClone(state.draft) };
  toast(`category: ${name}`);
}

wireViewKeys({
  digit,
  view: {
    reset: () => resetPlotView(byId('plot')),
    zoom: (factor) => zoomPlot(byId('plot'), factor),
    pan: (fraction) => panPlot(byId('plot'), fraction),
  },
});
wireControls({
  move,
  decide,
  undo,
  setFilter: (key, value) => {
    state.filters[key] = value;
    renderQueue(state, (itemId) => select(itemId));
  },
  redraw: renderCenter,
});

start().catch((error) => toast(`could not start: ${error.message}`, 'error'));
