/** Categories offered when the `categories` attribute is not set. */
export const DEFAULT_CATEGORIES = ['deal-registration', 'technical', 'marketing', 'partner-program'] as const;

/** Splits a comma list attribute: trimmed, no empties. */
export const splitList = (text: string | undefined): string[] =>
  (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** "deal-registration" → "Deal registration": category ids are vendor data, shown readably. */
export const humanize = (id: string): string => (id ? id[0]!.toUpperCase() + id.slice(1).replace(/[-_]+/g, ' ') : id);

/** Splits "vpn, sso,  vpn" into ['vpn', 'sso']: trimmed, no empties, no repeats. */
export const parseTags = (text: string): string[] => [...new Set(splitList(text))];
