/** Query values as callers hand them over: arrays repeat the key, undefined and null are left out. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/**
 * `baseUrl + path`, with `{name}` placeholders filled from `params` (percent-encoded) and `query`
 * appended. `baseUrl` may be relative (`/api`): fetch resolves it against the page.
 */
export function buildUrl(
  baseUrl: string,
  path: string,
  params: Record<string, string> = {},
  query?: Record<string, unknown>,
): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`Missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) search.append(key, String(item));
    }
  }
  const qs = search.toString();
  return baseUrl.replace(/\/+$/, '') + filled + (qs ? `?${qs}` : '');
}
