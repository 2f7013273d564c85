// The panel on the right: the label being reviewed (status, category, explanation, intervals,
// channels) and what each model said. Model text goes in as textContent only.
import { byId, formatInterval, h } from './dom.js';

const NORMAL = 'Normal Sequence';

/**
 * Redraws only the status line of the panel (after a save that left the label on screen as it is).
 */
export function renderStatus(detail) {
  const line = byId('status-line');
  if (line === null) return;
  line.className = `status status-${detail.current.status}`;
  line.textContent = statusLine(detail);
}

/** True when two labels (or nulls) say the same thing; `seriesId` is ignored. */
export function sameLabel(a, b) {
  if (a === null || a === undefined || b === null || b === undefined)
    return (a ?? null) === (b ?? null);
  const fields = (label) =>
    JSON.stringify([
      label.anomalous,
      label.intervals ?? null,
      label.channels ?? null,
      label.intervalChannels ?? null,
      label.category ?? null,
      label.explanation ?? null,
    ]);
  return fields(a) === fields(b);
}

/**
 * A change handler that saves a field's value only when it differs from the label's: used on both
 * `change` and `blur`, so text carried over a redraw (which fires no `change`) is still saved.
 */
function committer(current, save) {
  return (event) => {
    if (event.target.value !== String(current() ?? '')) save(event.target.value);
  };
}

function numberInput({ min, max, value, label, current, save }) {
  const commit = committer(current, (text) => save(Number(text)));
  return h('input', {
    type: 'number',
    min,
    max,
    value: String(value),
    'aria-label': label,
    onchange: commit,
    onblur: commit,
  });
}

/** The text field the reviewer is typing in, if any, so a redraw can keep it. */
function typingIn(panel) {
  const active = document.activeElement;
  if (
    !active ||
    !panel.contains(active) ||
    !(active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement) ||
    active.type === 'checkbox'
  )
    return null;
  return {
    key: active.getAttribute('aria-label'),
    value: active.value,
    start: active.selectionStart,
    end: active.selectionEnd,
  };
}

function restoreTyping(panel, typing) {
  if (typing === null || typing.key === null) return;
  const field = [...panel.querySelectorAll('textarea, input')].find(
    (node) => node.getAttribute('aria-label') === typing.key,
  );
  if (field === undefined) return;
  field.value = typing.value;
  field.focus();
  if (field instanceof HTMLTextAreaElement) field.setSelectionRange(typing.start, typing.end);
}

function statusLine(detail) {
  const c = detail.current;
  if (c.status === 'unreviewed') {
    const from =
      detail.item.initialLabel !== null
        ? 'the label that came with the data'
        : detail.proposal !== null
          ? 'the first model answer'
          : 'nothing yet — drag across the plot or mark normal';
    return `Unreviewed · showing ${from}`;
  }
  return `${c.status} · version ${c.version} · ${c.reviewer ?? ''} · ${new Date(c.createdAt).toLocaleString()}`;
}

/**
 * The categories of the item's kind (multivariate for several channels), Normal first: the
 * order number keys use.
 */
export function categoryChoices(taxonomy, channelCount) {
  const list = channelCount > 1 ? taxonomy.multivariate : taxonomy.univariate;
  return list.map((c) => c.name);
}

function categorySelect(taxonomy, channelCount, value, onChange) {
  const groups =
    channelCount > 1
      ? [
          ['Multivariate', taxonomy.multivariate],
          ['Univariate', taxonomy.univariate],
        ]
      : [
          ['Univariate', taxonomy.univariate],
          ['Multivariate', taxonomy.multivariate],
        ];
  const seen = new Set();
  const select = h(
    'select',
    {
      id: 'category',
      'aria-label': 'category',
      onchange: (event) => onChange(event.target.value === '' ? null : event.target.value),
    },
    h('option', { value: '' }, '(no category)'),
    groups.map(([name, list]) =>
      h(
        'optgroup',
        { label: name },
        list
          .filter((c) => !seen.has(c.name) && seen.add(c.name))
          .map((c) => h('option', { value: c.name, title: c.definition }, c.name)),
      ),
    ),
  );
  if (value !== null && !seen.has(value))
    select.append(h('option', { value }, `${value} (not in taxonomy)`));
  select.value = value ?? '';
  return select;
}

/**
 * Redraws the right panel. `edit(patch)` saves a change to the label on screen; the caller
 * derives `anomalous` and posts it.
 */
export function renderPanel(state, edit) {
  const panel = byId('label-panel');
  const detail = state.detail;
  if (!detail) {
    panel.replaceChildren(h('p', { class: 'muted' }, 'Select an item in the queue.'));
    byId('models-panel').replaceChildren();
    return;
  }
  const label = state.draft;
  const item = detail.item;
  const category = categorySelect(
    state.taxonomy,
    item.channels.length,
    label?.category ?? null,
    (value) => edit({ category: value }),
  );
  const categoryInfo = h(
    'p',
    { class: 'definition muted' },
    definitionOf(state.taxonomy, label?.category ?? null),
  );
  const saveExplanation = committer(
    () => state.draft?.explanation ?? '',
    (value) => edit({ explanation: value === '' ? null : value }),
  );
  const explanation = h('textarea', {
    id: 'explanation',
    rows: 5,
    'aria-label': 'explanation',
    placeholder: 'Why is this (not) an anomaly?',
    onchange: saveExplanation,
    onblur: saveExplanation,
  });
  explanation.value = label?.explanation ?? '';
  const intervals = label?.intervals ?? [];
  const perInterval = label?.intervalChannels ?? null;
  const intervalRows = intervals.map(([start, end], index) =>
    h(
      'li',
      { class: 'interval-row' },
      numberInput({
        min: 0,
        max: item.length - 1,
        value: start,
        label: `interval ${index + 1} start`,
        current: () => state.draft?.intervals?.[index]?.[0],
        save: (value) => edit({ intervals: replaceAt(intervals, index, [value, end]) }),
      }),
      h('span', { class: 'muted' }, '→'),
      numberInput({
        min: 1,
        max: item.length,
        value: end,
        label: `interval ${index + 1} end`,
        current: () => state.draft?.intervals?.[index]?.[1],
        save: (value) => edit({ intervals: replaceAt(intervals, index, [start, value]) }),
      }),
      h(
        'button',
        {
          type: 'button',
          class: 'icon',
          title: 'remove this interval',
          'aria-label': `remove interval ${index + 1}`,
          onclick: () =>
            edit({
              intervals: intervals.filter((_, i) => i !== index),
              intervalChannels: perInterval?.filter((_, i) => i !== index) ?? null,
            }),
        },
        '×',
      ),
      item.channels.length > 1
        ? intervalChannelBoxes({
            item,
            perInterval,
            index,
            intervalCount: intervals.length,
            edit,
          })
        : null,
    ),
  );
  const channelBoxes =
    item.channels.length > 1
      ? h(
          'fieldset',
          { class: 'channels' },
          h('legend', {}, 'Anomalous channels'),
          item.channels.map((name, index) =>
            h(
              'label',
              {},
              h('input', {
                type: 'checkbox',
                checked: (label?.channels ?? []).includes(index),
                // With channels set per interval, these follow from them.
                disabled: perInterval !== null,
                onchange: (event) => {
                  const set = new Set(label?.channels ?? []);
                  if (event.target.checked) set.add(index);
                  else set.delete(index);
                  edit({ channels: set.size === 0 ? null : [...set].sort((a, b) => a - b) });
                },
              }),
              ` ${name}`,
            ),
          ),
        )
      : null;
  const parts = [
    h(
      'p',
      { id: 'status-line', class: `status status-${detail.current.status}` },
      statusLine(detail),
    ),
    h(
      'p',
      { class: 'verdict' },
      label === null ? 'No label yet' : label.anomalous ? 'Anomalous' : 'Normal',
    ),
    h('label', { class: 'field' }, 'Category', category),
    categoryInfo,
    h('label', { class: 'field' }, 'Explanation', explanation),
    h(
      'div',
      { class: 'field' },
      h('span', {}, `Intervals [start, end) · ${intervals.length}`),
      intervals.length === 0
        ? h(
            'p',
            { class: 'muted' },
            label?.intervals === null
              ? 'Not labelled by position.'
              : 'None. Drag across the plot to add one.',
          )
        : h('ol', { id: 'interval-list' }, intervalRows),
    ),
    channelBoxes,
  ];
  const typing = typingIn(panel);
  panel.replaceChildren(...parts.filter((part) => part !== null));
  restoreTyping(panel, typing);
  renderModels(detail);
}

function renderModels(detail) {
  const box = byId('models-panel');
  const answers = detail.item.answers;
  if (answers.length === 0) {
    box.replaceChildren(h('p', { class: 'muted' }, 'No model answers for this item.'));
    return;
  }
  box.replaceChildren(
    ...answers.map((answer) =>
      h(
        'section',
        { class: 'model' },
        h('h3', {}, h('span', { class: 'swatch swatch-model' }), answer.model),
        h(
          'p',
          { class: 'muted' },
          answer.status !== 'ok'
            ? `${answer.status}: ${answer.error ?? ''}`
            : `${answer.anomalous ? 'anomalous' : 'normal'} · ${(answer.intervals ?? []).map(formatInterval).join(' ') || 'no intervals'}`,
        ),
        answer.anomalies.length === 0
          ? null
          : h(
              'ul',
              { class: 'anomalies' },
              answer.anomalies.map((a) =>
                h(
                  'li',
                  {},
                  h(
                    'div',
                    { class: 'anomaly-head' },
                    h('strong', {}, a.category),
                    ` · x ${a.start}–${a.end}`,
                    a.confidence === null ? '' : ` · confidence ${a.confidence.toFixed(2)}`,
                    a.severity === null ? '' : ` · ${a.severity}`,
                  ),
                  h('div', { class: 'explanation-text' }, a.explanation),
                ),
              ),
            ),
        answer.summary ? h('p', { class: 'summary' }, answer.summary) : null,
      ),
    ),
  );
}

/**
 * Channel toggles of one interval of a multichannel item: all checked means every channel (the
 * default); unchecking some narrows the interval to the rest (at least one stays).
 */
function intervalChannelBoxes({ item, perInterval, index, intervalCount, edit }) {
  const count = item.channels.length;
  const covered = new Set(perInterval?.[index] ?? Array.from({ length: count }, (_, c) => c));
  const toggle = (c) => (event) => {
    const next = new Set(covered);
    if (event.target.checked) next.add(c);
    else next.delete(c);
    if (next.size === 0) {
      event.target.checked = true;
      return;
    }
    const list = [...next].sort((a, b) => a - b);
    const intervalChannels = Array.from({ length: intervalCount }, (_, i) =>
      i === index ? list : (perInterval?.[i] ?? null),
    );
    edit({ intervalChannels });
  };
  return h(
    'div',
    { class: 'interval-channels small', 'data-index': index },
    item.channels.map((name, c) =>
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          'aria-label': `interval ${index + 1} channel ${name}`,
          checked: covered.has(c),
          onchange: toggle(c),
        }),
        ` ${name}`,
      ),
    ),
  );
}

function definitionOf(taxonomy, name) {
  if (name === null) return '';
  return (
    [...taxonomy.univariate, ...taxonomy.multivariate].find((c) => c.name === name)?.definition ??
    ''
  );
}

function replaceAt(list, index, value) {
  return list.map((item, i) => (i === index ? value : item));
}

/** `anomalous` as the edited label implies it. */
export function withAnomalous(label) {
  const intervals = label.intervals ?? [];
  if (intervals.length > 0) return { ...label, anomalous: true };
  if (label.category === NORMAL) return { ...label, anomalous: false };
  if (label.category !== null) return { ...label, anomalous: true };
  return label;
}
