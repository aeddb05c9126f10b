// Drives the fake Discourse mounted in the test runner (test/support/fake-discourse.mjs). Each call
// gets its own namespace, so tests never see each other's writes.

export interface DiscourseRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
}

let seq = 0;

export function fakeDiscourse() {
  const ns = `d${Date.now().toString(36)}${++seq}`;
  const control = async (cmd: object): Promise<DiscourseRequest[]> => {
    const res = await fetch('/discourse/__control', { method: 'POST', body: JSON.stringify({ ns, ...cmd }) });
    return ((await res.json()) as { log: DiscourseRequest[] }).log;
  };
  return {
    baseUrl: `${location.origin}/discourse/${ns}`,
    control,
    /** Requests other than reads and MessageBus polls: what Discourse would have been asked to change. */
    writes: async () => (await control({})).filter((r) => r.method !== 'GET' && !r.path.startsWith('/message-bus/')),
    log: () => control({}),
  };
}

/** A recorded payload from test/fixtures/discourse/. */
export async function fixture<T = any>(name: string): Promise<T> {
  const res = await fetch(`/test/fixtures/discourse/${name}`);
  if (!res.ok) throw new Error(`no fixture ${name}`);
  return (await res.json()) as T;
}

/**
 * Runs `fn` with fetch answering from fixtures: each URL whose path ends with a key gets that
 * fixture (`categories.json` always the subcategory one). Restores fetch after.
 */
export async function withFixtures<T>(routes: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
  const real = window.fetch;
  const categories = await fixture('derived/categories-with-subcategories.json');
  window.fetch = (async (input: RequestInfo | URL) => {
    const path = new URL(String(input instanceof Request ? input.url : input), location.href).pathname;
    const all: Record<string, unknown> = { '/categories.json': categories, ...routes };
    const key = Object.keys(all).find((k) => path.endsWith(k));
    return key ? new Response(JSON.stringify(all[key]), { headers: { 'content-type': 'application/json' } }) : new Response('{"errors":["not found"]}', { status: 404 });
  }) as typeof fetch;
  try {
    return await fn();
  } finally {
    window.fetch = real;
  }
}
