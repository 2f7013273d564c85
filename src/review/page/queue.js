// The queue on the left: filters, ordering, and the list of items.
import { byId, h } from './dom.js';

/** Items in queue order after the filters. */
export function visibleItems(state) {
  const f = state.filters;
  let items = state.items.filter((item) => {
    if (f.unreviewed && item.status !== 'unreviewed' && item.id !== state.selectedId) return false;
    if (
      f.category !== '' &&
      item.category !== f.category &&
      !item.modelCategories.includes(f.category)
    )
      return false;
    if (f.model !== '' && !item.models.includes(f.model)) return false;
    return true;
  });
  if (f.disagreementsFirst)
    items = [...items].sort((a, b) => b.disagreement - a.disagreement || a.id - b.id);
  return items;
}

/** Fills the category and model filter choices from the items. */
export function fillFilterChoices(state) {
  const categories = new Set();
  const models = new Set();
  for (const item of state.items) {
    if (item.category !== null) categories.add(item.category);
    for (const c of item.modelCategories) categories.add(c);
    for (const m of item.models) models.add(m);
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
  byId('filter-model').disabled = models.size === 0;
}

const STATUS_TEXT = {
  unreviewed: 'unreviewed',
  accepted: 'accepted',
  rejected: 'rejected',
  edited: 'edited',
  new: 'new',
};

/** Redraws the list and the progress counter. */
export function renderQueue(state, onSelect) {
  const list = byId('queue-list');
  const items = visibleItems(state);
  list.replaceChildren(
    ...items.map((item) =>
      h(
        'li',
        {
          class: `queue-item status-${item.status}${item.id === state.selectedId ? ' selected' : ''}${state.conflicts?.has(item.id) ? ' conflict' : ''}`,
          'data-id': item.id,
          'data-conflict': state.conflicts?.has(item.id) ? 'true' : undefined,
          title: state.conflicts?.has(item.id)
            ? 'conflict: changed by another session; open to choose a version'
            : undefined,
          'data-status': item.status,
          'aria-selected': item.id === state.selectedId ? 'true' : 'false',
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
        ),
        item.disagreement > 0 ? disagreeBar(item.disagreement) : null,
      ),
    ),
  );
  if (items.length === 0)
    list.append(h('li', { class: 'queue-empty' }, 'No items match the filters.'));
  byId('queue-count').textContent = `${items.length} shown`;
  const { reviewed, total } = state.progress;
  byId('progress-text').textContent = `${reviewed} / ${total} reviewed`;
  const bar = byId('progress-bar');
  bar.max = Math.max(1, total);
  bar.value = reviewed;
  list.querySelector('.selected')?.scrollIntoView({ block: 'nearest' });
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
