// Scripts the fake REST server mounted in the test runner (test/support/fake-rest.mjs).
// Each test gets its own path prefix and never resets the shared state, so test files running in
// parallel cannot clobber each other's routes or logs.

export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delay?: number;
}
export interface FakeRoute {
  method?: string;
  path: string;
  responses: FakeResponse[];
}
export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
  at: number;
}

let seq = 0;

async function control(cmd: object): Promise<LoggedRequest[]> {
  const res = await fetch('/fake/__control', { method: 'POST', body: JSON.stringify(cmd) });
  return ((await res.json()) as { log: LoggedRequest[] }).log;
}

/** A fresh fake server namespace: `baseUrl` for the backend, `route()` to script it, `log()` to read it. */
export function fakeServer() {
  const prefix = `/t${Date.now().toString(36)}${++seq}`;
  return {
    baseUrl: `/fake${prefix}`,
    route: (...routes: FakeRoute[]) => control({ routes: routes.map((r) => ({ ...r, path: prefix + r.path })) }),
    log: async (): Promise<LoggedRequest[]> =>
      (await control({}))
        .filter((e) => e.path.startsWith(`${prefix}/`))
        .map((e) => ({ ...e, path: e.path.slice(prefix.length) })),
  };
}

const at = '2026-03-02T10:15:00.000Z';
export const author = { id: 'u1', name: 'Ana Ruiz', orgName: 'Northwind Partners', avatarUrl: null };

export const threadSummary = (i: number) => ({
  id: `t${i}`, title: `Deal registration question ${i}`, excerpt: 'How do I register a deal…', category: 'deals',
  tags: ['crm'], author, replyCount: i, score: 2, solved: false, createdAt: at, lastActivityAt: at,
  status: 'published', locked: false, pinned: false,
});
export const threadPage = (n = 5) => ({ items: Array.from({ length: n }, (_, i) => threadSummary(i)), nextCursor: 'c2' });
export const thread = { ...threadSummary(1), body: 'Is there a **minimum** deal size?' };
export const post = (i: number) => ({ id: `p${i}`, threadId: 't1', author, body: `Reply ${i}`, createdAt: at, editedAt: null, status: 'published' });
export const threadWithPosts = { thread, posts: { items: [post(1), post(2)], nextCursor: null } };
export const similar = {
  items: [{ id: 'q1', title: 'MDF claims', answerCount: 2, accepted: true, acceptedExcerpt: 'Use the portal form.', similarity: 0.8 }],
};
export const certification = {
  id: 'c1', name: 'Certified Integrator', description: 'Integration skills', imageUrl: 'https://x.example/b.png',
  issuerName: 'Acme', recipient: { kind: 'person', id: 'u1', name: 'Ana Ruiz' }, issuedOn: at, expires: null,
  revoked: false, revocationReason: null, assertionUrl: 'https://x.example/ob/assertions/c1', badgeClassUrl: 'https://x.example/ob/b',
};
export const searchResult = {
  items: [{ id: 'a1', title: 'Configure SSO', snippet: 'Set up SAML', product: 'Gateway', contentType: 'how-to', updatedAt: at,
    highlights: { title: [{ start: 10, length: 3 }], snippet: [] } }],
  nextCursor: null, total: 1, facets: { product: [{ value: 'Gateway', count: 1 }], contentType: [] }, moreForSignedIn: false,
};
export const newThread = { title: 'Deal size minimum', body: 'Is there one?', category: 'deals' };
export const problem = (status: number, title: string, detail?: string) => ({
  status, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ type: 'about:blank', title, status, detail }),
});
