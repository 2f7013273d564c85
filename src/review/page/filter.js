// The queue's filters and per-track progress, without the DOM, so a 10,000-item queue can be
// filtered in a bench script and in tests. Pure.

/**
 * Items in queue order after the filters `{ unreviewed, disagreementsFirst, category, model,
 * track }`. The selected item stays in the "unreviewed" view so deciding does not make it vanish.
 */
export function filterItems(items, filters, selectedId = null) {
  const f = filters;
  const out = [];
  for (const item of items) {
    if (f.unreviewed && item.status !== 'unreviewed' && item.id !== selectedId) continue;
    if (f.track && (item.track ?? '') !== f.track) continue;
    if (f.category && item.category !== f.category && !item.modelCategories.includes(f.category))
      continue;
    if (f.model && !item.models.includes(f.model)) continue;
    out.push(item);
  }
  if (f.disagreementsFirst) out.sort((a, b) => b.disagreement - a.disagreement || a.id - b.id);
  return out;
}

/** Reviewed / total per track (items with no track count under ''), tracks in name order. */
export function progressByTrack(items) {
  const byTrack = new Map();
  for (const item of items) {
    const key = item.track ?? '';
    const row = byTrack.get(key) ?? { track: key, reviewed: 0, total: 0 };
    row.total += 1;
    if (item.status !== 'unreviewed') row.reviewed += 1;
    byTrack.set(key, row);
  }
  return [...byTrack.values()].sort((a, b) => a.track.localeCompare(b.track));
}
