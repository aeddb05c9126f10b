// What the benchmark's scenarios send, shared by the load generator (bench.mjs) and the target
// (target.ts), which records the same requests for the raw-SQL floor.
export const SEARCH_TERMS = ['high availability', 'firew', 'deal registration', 'okta sso', 'upgrade 5.2', 'sizing', 'mdf', 'vpn tunnel', 'licens', 'backup restore'];

// Drafts a partner types into the ask form, for the similar-question lookup (deflection).
export const SIMILAR_DRAFTS = ['How do I register a deal', 'high availability active-active', 'MDF request pending', 'upgrade path to the latest release', 'okta sso login fails', 'vpn tunnel drops', 'licence renewal', 'backup restore failed'];

export const ASK_BODY = (i) => ({
  title: `Benchmark question number ${i} about deal registration`,
  body: 'How do I register this deal?',
  category: 'deal-registration',
});
