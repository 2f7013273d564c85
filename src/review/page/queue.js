// The queue on the left: filters, ordering, per-track progress, and the list of items. The list
// is virtualised (only the rows in view, plus a few, are in the DOM; spacers keep the scrollbar
// true), so a 10,000-item queue scrolls and filters without delay.
import { byId, h } from './dom.js';
import { filterItems, progressByTrack } from './filter.js';
import { listWindow, scrollToShow } from './vlist.js';

/** Height of one queue row in px; `.queue-item` in style.css has the same. */
const ROW_HEIGHT = 48;

/** Items in queue order after the filters. */
export function visibleItems(state) {
  return filterItems(state.items, state.filters, state.selectedId);
}

/** Fills the category, model and track filter choices from the items. */
export function fillFilterChoices(state) {
  const categories = new Set();
  const models = new Set();
  const tracks = new Set();
  for (const item of state.items) {
    if (item.category !== null) categories.add(item.category);
    for (const c of item.modelCategories) categories.add(c);
    for (const m of item.models) models.add(m);
    if (item.track) tracks.add(item.track);
  }
  const fill = (select, values, allText) => {
    const keep = select.value;
    select.replaceChildren(
      h('option', { value: '' }, allText),
      ...[...values].sort().map((v) => h('option', { value: v }, v)),
    );
    select.value = values.has(keep) ? keep : '';
  };
  fill(byId('filter-category'), categories, 'All categories');
  fill(byId('filter-model'), models, 'All models');
  fill(byId('filter-track'), tracks, 'All tracks');
  byId('filter-model').disabled = models.size === 0;
  byId('filter-track').hidden = tracks.size < 2;
}

const STATUS_TEXT = {
  unreviewed: 'unreviewed',
  accepted: 'accepted',
  rejected: 'rejected',
  edited: 'edited',
  new: 'new',
};

/** What the list shows now, kept between scroll events: { items, onSelect, state }. */
let shown = null;
/** The item last scrolled into view, so a redraw does not pull the list back after a scroll. */
let scrolledTo = null;

/** Redraws the list (the rows in view), the counts and the progress, per track too. */
export function renderQueue(state, onSelect) {
  const list = byId('queue-list');
  const items = visibleItems(state);
  if (shown === null)
    list.addEventListener('scroll', () => {
      if (list.dataset.frame) return;
      list.dataset.frame = '1';
      requestAnimationFrame(() => {
        delete list.dataset.frame;
        if (shown !== null) renderRows(list, shown);
      });
    });
  shown = { items, onSelect, state };
  if (state.selectedId !== scrolledTo) {
    const index = items.findIndex((item) => item.id === state.selectedId);
    if (index !== -1) {
      list.scrollTop = scrollToShow({
        index,
        rowHeight: ROW_HEIGHT,
        scrollTop: list.scrollTop,
        viewport: list.clientHeight,
      });
      scrolledTo = state.selectedId;
    }
  }
  renderRows(list, shown);
  byId('queue-count').textContent = `${items.length} shown`;
  renderProgress(state);
}

function renderRows(list, { items, onSelect, state }) {
  const w = listWindow({
    count: items.length,
    rowHeight: ROW_HEIGHT,
    scrollTop: list.scrollTop,
    viewport: list.clientHeight || 600,
  });
  const spacer = (height, where) => {
    const li = h('li', { class: 'queue-spacer', 'aria-hidden': 'true', 'data-where': where });
    // Set through the CSSOM: the page's CSP forbids inline style attributes.
    li.style.height = `${height}px`;
    return li;
  };
  const rows = items.slice(w.first, w.last).map((item) => row(item, state, onSelect));
  list.replaceChildren(spacer(w.top, 'top'), ...rows, spacer(w.bottom, 'bottom'));
  if (items.length === 0)
    list.append(h('li', { class: 'queue-empty' }, 'No items match the filters.'));
}

function row(item, state, onSelect) {
  const conflict = state.conflicts?.has(item.id);
  const selected = item.id === state.selectedId;
  const who =
    item.labelledBy === null || item.labelledBy === undefined
      ? null
      : `${item.labelledBy} ${shortTime(item.labelledAt)}`;
  return h(
    'li',
    {
      class: `queue-item status-${item.status}${selected ? ' selected' : ''}${conflict ? ' conflict' : ''}`,
      'data-id': item.id,
      'data-conflict': conflict ? 'true' : undefined,
      title: conflict
        ? 'conflict: changed by another session; open to choose a version'
        : undefined,
      'data-status': item.status,
      'aria-selected': selected ? 'true' : 'false',
      onclick: () => onSelect(item.id),
    },
    h('span', { class: 'status-dot', title: STATUS_TEXT[item.status] ?? item.status }),
    h(
      'span',
      { class: 'queue-text' },
      h('span', { class: 'queue-id' }, item.seriesId),
      h(
        'span',
        { class: 'queue-meta' },
        [item.category ?? (item.anomalous === false ? 'normal' : 'no category'), item.track]
          .filter(Boolean)
          .join(' · '),
      ),
      who === null
        ? null
        : h(
            'span',
            { class: 'queue-who', title: `labelled by ${item.labelledBy} at ${item.labelledAt}` },
            who,
          ),
    ),
    item.disagreement > 0 ? disagreeBar(item.disagreement) : null,
  );
}

function renderProgress(state) {
  const { reviewed, total } = state.progress;
  byId('progress-text').textContent = `${reviewed} / ${total} reviewed`;
  const bar = byId('progress-bar');
  bar.max = Math.max(1, total);
  bar.value = reviewed;
  const tracks = progressByTrack(state.items);
  byId('track-progress').replaceChildren(
    ...(tracks.length < 2 && (tracks[0]?.track ?? '') === ''
      ? []
      : tracks.map((t) =>
          h(
            'li',
            { 'data-track': t.track },
            h('span', { class: 'track-label' }, t.track === '' ? '(no track)' : t.track),
            h('span', {}, `${t.reviewed} / ${t.total}`),
          ),
        )),
  );
}

/** A time as `HH:MM` today, else `YYYY-MM-DD`, in the reviewer's time zone. */
function shortTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const now = new Date();
  if (date.toDateString() === now.toDateString())
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return date.toISOString().slice(0, 10);
}

function disagreeBar(value) {
  const fill = h('span');
  // Set through the CSSOM: the page's CSP forbids inline style attributes.
  fill.style.width = `${Math.round(value * 100)}%`;
  return h(
    'span',
    { class: 'disagree', title: `models disagree with the label: ${value.toFixed(2)}` },
    fill,
  );
}
