// Recent workspaces: most recent first, unique, at most 10, missing files dropped on read.
export const MAX_RECENT = 10;

export function addRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, MAX_RECENT);
}

export function parseRecent(json: string | null, exists: (p: string) => boolean): string[] {
  if (!json) return [];
  try {
    const data = JSON.parse(json) as unknown;
    if (!Array.isArray(data)) return [];
    return data.filter((p): p is string => typeof p === 'string' && exists(p)).slice(0, MAX_RECENT);
  } catch {
    return [];
  }
}
