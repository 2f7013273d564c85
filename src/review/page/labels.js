// Label intervals with optional channels per interval (multichannel items): merging, and keeping
// the label's own `channels` in step. Pure; tested.

/** Channel set as a key: null (every channel) or sorted indices. */
function keyOf(channels) {
  return channels === null || channels === undefined ? '*' : channels.join(',');
}

/**
 * Sorts intervals and merges those that overlap or touch AND cover the same channels. Returns
 * `{ intervals, intervalChannels }`, the second null when every interval covers all channels.
 */
export function mergeLabelled(intervals, perInterval = null) {
  const rows = intervals
    .map(([s, e], i) => ({ s, e, ch: perInterval?.[i] ?? null }))
    .filter((row) => row.e > row.s)
    .sort((a, b) => a.s - b.s || a.e - b.e || keyOf(a.ch).localeCompare(keyOf(b.ch)));
  const merged = [];
  for (const row of rows) {
    const same = merged.findLast((m) => keyOf(m.ch) === keyOf(row.ch));
    if (same !== undefined && row.s <= same.e) same.e = Math.max(same.e, row.e);
    else merged.push({ ...row });
  }
  merged.sort((a, b) => a.s - b.s || a.e - b.e);
  const anyChannels = merged.some((m) => m.ch !== null);
  return {
    intervals: merged.map((m) => [m.s, m.e]),
    intervalChannels: anyChannels ? merged.map((m) => m.ch) : null,
  };
}

/**
 * The label with its per-interval channels tidied (sorted, "all" as null, one per interval) and
 * merged, and `channels` set to the union of the channels its intervals cover when any interval
 * names some. One-channel items never carry per-interval channels.
 */
export function normalizeChannels(label, channelCount) {
  const { intervalChannels: raw, ...rest } = label;
  if (channelCount <= 1 || raw === undefined || raw === null) return rest;
  const intervals = label.intervals ?? [];
  const tidy = intervals.map((_, i) => {
    const set = [...new Set(raw[i] ?? [])].filter((c) => c >= 0 && c < channelCount);
    return set.length === 0 || set.length === channelCount ? null : set.sort((a, b) => a - b);
  });
  const merged = mergeLabelled(intervals, tidy);
  if (merged.intervalChannels === null) return { ...rest, intervals: merged.intervals };
  const union = new Set();
  for (const ch of merged.intervalChannels)
    for (const c of ch ?? Array.from({ length: channelCount }, (_, i) => i)) union.add(c);
  return {
    ...rest,
    intervals: merged.intervals,
    intervalChannels: merged.intervalChannels,
    channels: [...union].sort((a, b) => a - b),
  };
}
