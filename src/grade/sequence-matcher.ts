/**
 * `difflib.SequenceMatcher(None, a, b).ratio()` from Python's standard library, reproduced step by
 * step: b2j index of b, "autojunk" (when b has ≥ 200 items, items occurring more than
 * `floor(len(b)/100) + 1` times are "popular" and left out of the index, though a match found
 * without them is still extended over equal neighbours), recursive longest-match splitting
 * (Ratcliff/Obershelp), ratio = 2·matches / (len(a) + len(b)), 1 when both are empty.
 */
export function sequenceMatcherRatio(a: readonly string[], b: readonly string[]): number {
  const total = a.length + b.length;
  if (total === 0) return 1;
  return (2 * matchingCharacters(a, b)) / total;
}

/** Total size of difflib's matching blocks of `a` and `b`. */
export function matchingCharacters(a: readonly string[], b: readonly string[]): number {
  const b2j = new Map<string, number[]>();
  b.forEach((item, j) => {
    const list = b2j.get(item);
    if (list === undefined) b2j.set(item, [j]);
    else list.push(j);
  });
  if (b.length >= 200) {
    const limit = Math.floor(b.length / 100) + 1;
    for (const [item, indices] of [...b2j]) if (indices.length > limit) b2j.delete(item);
  }

  const longestMatch = (
    alo: number,
    ahi: number,
    blo: number,
    bhi: number,
  ): [number, number, number] => {
    let bestI = alo;
    let bestJ = blo;
    let bestSize = 0;
    let j2len = new Map<number, number>();
    for (let i = alo; i < ahi; i++) {
      const next = new Map<number, number>();
      for (const j of b2j.get(a[i] as string) ?? []) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) ?? 0) + 1;
        next.set(j, k);
        if (k > bestSize) {
          bestI = i - k + 1;
          bestJ = j - k + 1;
          bestSize = k;
        }
      }
      j2len = next;
    }
    // No junk function, so only the "popular" extension applies: grow over equal neighbours.
    while (bestI > alo && bestJ > blo && a[bestI - 1] === b[bestJ - 1]) {
      bestI--;
      bestJ--;
      bestSize++;
    }
    while (
      bestI + bestSize < ahi &&
      bestJ + bestSize < bhi &&
      a[bestI + bestSize] === b[bestJ + bestSize]
    )
      bestSize++;
    return [bestI, bestJ, bestSize];
  };

  let matches = 0;
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop() as [number, number, number, number];
    const [i, j, k] = longestMatch(alo, ahi, blo, bhi);
    if (k > 0) {
      matches += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  return matches;
}
