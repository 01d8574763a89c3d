/** `user-agent` → `User-Agent`: Go's canonical MIME header key, as podinfo's `/headers` prints keys. */
export function canonicalHeaderKey(name: string): string {
  return name
    .toLowerCase()
    .split('-')
    .map((part) => (part === '' ? part : part[0]?.toUpperCase() + part.slice(1)))
    .join('-');
}

/**
 * Request headers as Go's `http.Header` marshals them: canonical keys in sorted order, every value a list,
 * `Host` left out (Go keeps it in `Request.Host`).
 */
export function goHeaderMap(rawHeaders: readonly string[]): Record<string, string[]> {
  const headers = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const key = canonicalHeaderKey(rawHeaders[i] ?? '');
    if (key === 'Host') continue;
    const values = headers.get(key) ?? [];
    values.push(rawHeaders[i + 1] ?? '');
    headers.set(key, values);
  }
  return Object.fromEntries([...headers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
