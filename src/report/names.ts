/**
 * Safe, distinct folder names for series ids: characters outside `[A-Za-z0-9._-]` become `_`,
 * leading dots are dropped (no `..` or hidden folders), empty names become `series`, and repeats
 * get `-2`, `-3`, ... (compared case-insensitively, for case-insensitive file systems).
 * @example folderNames(['a/b', 'a?b', '..']) // ['a_b', 'a_b-2', 'series']
 */
export function folderNames(ids: readonly string[]): string[] {
  const taken = new Set<string>();
  return ids.map((id) => {
    const base =
      id
        .replace(/[^A-Za-z0-9._-]/g, '_')
        .replace(/^\.+/, '')
        .slice(0, 100) || 'series';
    let name = base;
    for (let suffix = 2; taken.has(name.toLowerCase()); suffix += 1) name = `${base}-${suffix}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
