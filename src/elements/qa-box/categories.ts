/** Categories offered when the `categories` attribute is not set. */
export const DEFAULT_CATEGORIES = ['deal-registration', 'technical', 'marketing', 'partner-program'] as const;

/** Splits a comma list attribute: trimmed, no empties. */
export const splitList = (text: string | undefined): string[] =>
  (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);


/** Splits "vpn, sso,  vpn" into ['vpn', 'sso']: trimmed, no empties, no repeats. */
export const parseTags = (text: string): string[] => [...new Set(splitList(text))];
