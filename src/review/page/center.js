// The middle column below the plot: the item's history and the conflict box. Text only.
import { byId, h } from './dom.js';

/** Lists the item's history, newest first. */
export function renderHistoryList(detail) {
  const entries = detail?.history ?? [];
  byId('history').replaceChildren(
    ...entries
      .slice()
      .reverse()
      .map((e) =>
        h(
          'li',
          {},
          h('span', {}, `v${e.version}`),
          h('span', {}, e.reviewer),
          h('span', {}, `${e.action} → ${e.status}`),
          h(
            'span',
            {},
            `${e.label?.category ?? '—'} · ${(e.label?.intervals ?? []).length} interval(s) · ${new Date(e.createdAt).toLocaleString()}`,
          ),
        ),
      ),
  );
  if (entries.length === 0)
    byId('history').append(h('li', { class: 'muted' }, 'No decisions yet.'));
}

/**
 * Shows the conflict of the item on screen ({ body } with the other session's state), or hides
 * the box when there is none. `onTheirs` drops the reviewer's kept changes; `onMine` re-applies
 * them.
 */
export function renderConflictBox(conflict, { onTheirs, onMine }) {
  const box = byId('conflict');
  if (conflict === undefined) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const theirs = conflict.body.current;
  box.hidden = false;
  box.replaceChildren(
    h('strong', {}, 'Conflict: '),
    `this item was changed in another window or by another reviewer (now version ${theirs.version}, ${theirs.status}). Your change was not saved; it is kept here.`,
    h(
      'span',
      { class: 'conflict-actions' },
      h(
        'button',
        { type: 'button', id: 'conflict-theirs', onclick: onTheirs },
        'Show their version',
      ),
      h('button', { type: 'button', id: 'conflict-mine', onclick: onMine }, 'Apply mine on top'),
    ),
  );
}
