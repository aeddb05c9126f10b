/**
 * What partners type into the knowledge-base search over the history (history.ts): the queries the
 * articles answer, with how often each comes up, and the content gaps, queries no article answers.
 */

/** [query, weight]: a few popular queries and a long tail. */
export const SEARCH_QUERIES: [string, number][] = [
  ['sso setup', 40], ['deal registration', 34], ['mdf claim', 26], ['firewall ha', 22], ['gateway license', 20],
  ['saml', 18], ['release notes', 16], ['sd-wan sizing', 14], ['api rate limit', 12], ['threat intel feed', 12],
  ['partner tiers', 10], ['certification renewal', 10], ['vpn tunnel', 9], ['identity mfa', 9], ['upgrade path', 8],
  ['pricing', 8], ['demo license', 7], ['log export', 6], ['syslog', 6], ['radius', 5], ['quote tool', 5],
  ['co-marketing', 4], ['webinar kit', 4], ['nfr license', 4], ['rma process', 3], ['ipv6', 3], ['ldap sync', 3],
];

/** [query, weight]: nothing in the knowledge base answers these; the insights list them as gaps. */
export const GAP_QUERIES: [string, number][] = [
  ['terraform provider', 9], ['kubernetes operator', 7], ['fedramp', 5], ['sovereign cloud', 4],
  ['gateway on arm', 3], ['partner api sandbox', 3], ['soc 2 report', 2],
];

/** What an asker says when a CSAT prompt has a comment box, by score. */
export const CSAT_COMMENTS: Record<number, string[]> = {
  1: ['The accepted answer did not work for our version.', 'Still waiting on a real fix.'],
  2: ['Partly: we needed a support case in the end.', 'Helpful, but the steps were out of date.'],
  3: ['It worked after some trial and error.'],
  4: ['Solved it, thanks.', 'Good pointer to the right article.'],
  5: ['Exactly what we needed.', 'Fixed in five minutes, great answer.', 'Saved us a support case.'],
};
