/**
 * Network behaviour through msw: a service worker answers RestBackend's real HTTP requests, so a story
 * shows what partners see on a slow or failing network. The answers come from a MemoryBackend, in the
 * shape of the REST contract. Also a fake Open Badges issuer, so badge verification runs in the browser
 * exactly as against a real issuer, without leaving the machine.
 *
 * The worker script is served from `.storybook/public/mockServiceWorker.js` (copied from msw by
 * `.storybook/main.ts`).
 */
import { http, HttpResponse, delay, type HttpHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { RestBackend } from '../../src/backends/rest/index.js';
import { MemoryBackend, createFixtures, type MemoryData } from '../../src/backends/memory/index.js';
import { ISSUER_BASE, ISSUER_NAME } from '../../src/demo-data/index.js';
import { badgeImageFor } from '../../src/backends/memory/fixtures.js';
import { OB_CONTEXT } from '../../src/contract/index.js';

let worker: SetupWorker | undefined;
let started: Promise<unknown> | undefined;

/**
 * Starts the worker once per page and adds `handlers` in front of the ones in effect. Adding, not
 * replacing: a docs page renders several stories at once, and each scenario has its own URL prefix.
 */
export async function useHandlers(...handlers: HttpHandler[]): Promise<void> {
  worker ??= setupWorker();
  started ??= worker.start({
    quiet: true,
    onUnhandledRequest: 'bypass',
    // Next to iframe.html, so its scope covers the story.
    serviceWorker: { url: './mockServiceWorker.js' },
  });
  await started;
  worker.use(...handlers);
}

// ----- RestBackend scenarios -----

export type Scenario = 'slow' | 'down';
const base = (s: Scenario) => `${location.origin}/mock-api/${s}`;

/** A RestBackend pointed at one scenario's mock API. */
export const restBackend = (s: Scenario) => new RestBackend({ baseUrl: base(s), retry: { backoffLimit: 600 } });

const query = (request: Request) => Object.fromEntries(new URL(request.url).searchParams);
const json = (value: unknown) => HttpResponse.json(value as Record<string, unknown>);

/** GET routes of the REST contract answered from a MemoryBackend (what the stories read). */
function contractRoutes(prefix: string, m: MemoryBackend, before: () => Promise<void>): HttpHandler[] {
  const get = (path: string, answer: (req: Request, params: Record<string, string>) => Promise<unknown>) =>
    http.get(`${prefix}${path}`, async ({ request, params }) => {
      await before();
      return json(await answer(request, params as Record<string, string>));
    });
  return [
    get('/v1/me', () => m.me()),
    get('/v1/threads', (r) => m.listThreads(query(r))),
    get('/v1/threads/:id', (_, p) => m.getThread(p.id!)),
    get('/v1/questions/similar', async (r) => ({ items: await m.similarQuestions(query(r).q ?? '') })),
    get('/v1/questions/:id', (_, p) => m.getQuestion(p.id!)),
    get('/v1/articles/search', (r) => m.searchArticles({ q: '', ...query(r) })),
    get('/v1/articles/:id', (_, p) => m.getArticle(p.id!)),
    get('/v1/certifications', (r) => m.listCertifications(query(r) as { person: string })),
  ];
}

/** `slow`: every answer after 2.5 s. `down`: 503 with a problem body for everything. */
export function useRestScenario(s: Scenario): Promise<void> {
  const prefix = base(s);
  if (s === 'slow') {
    const m = new MemoryBackend({ id: 'story-msw-slow' });
    return useHandlers(...contractRoutes(prefix, m, () => delay(2500)));
  }
  return useHandlers(
    http.all(`${prefix}/*`, () =>
      HttpResponse.json(
        { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'The community API is down for maintenance.' },
        { status: 503, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    ),
  );
}

// ----- a fake Open Badges 2.0 issuer at ISSUER_BASE -----

const SALT = 'story-salt';
const CORS = { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/ld+json' };

async function sha256(s: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The recipient identity the assertion hashes: a person's email, or the org's contact address. */
function recipientIdentity(data: MemoryData, kind: 'person' | 'org', id: string): string {
  if (kind === 'person') return data.people.find((p) => p.id === id)?.email ?? '';
  return `partners@${id.replace(/^org-/, '')}.example`;
}

/**
 * Hosted assertions, badge classes and the issuer profile for the fixture certifications, with CORS,
 * so `<confab-cert-badge verify>` verifies in the browser.
 */
export function useFakeIssuer(data: MemoryData = createFixtures()): Promise<void> {
  const issuerUrl = `${ISSUER_BASE}/ob/issuer`;
  return useHandlers(
    http.get(`${ISSUER_BASE}/ob/assertions/:id`, async ({ params }) => {
      const c = data.certifications.find((x) => x.id === params.id);
      if (!c) return new HttpResponse(null, { status: 404, headers: CORS });
      const doc: Record<string, unknown> = {
        '@context': OB_CONTEXT,
        type: 'Assertion',
        id: `${ISSUER_BASE}/ob/assertions/${c.id}`,
        recipient: { type: 'email', hashed: true, salt: SALT, identity: `sha256$${await sha256(recipientIdentity(data, c.recipient.kind, c.recipient.id) + SALT)}` },
        badge: `${ISSUER_BASE}/ob/badges/${c.badge}`,
        verification: { type: 'hosted' },
        issuedOn: new Date(c.issuedOn).toISOString(),
      };
      if (c.expires !== null) doc.expires = new Date(c.expires).toISOString();
      if (c.revoked) Object.assign(doc, { revoked: true, revocationReason: c.revocationReason ?? 'Revoked by the issuer' });
      return HttpResponse.json(doc, { headers: CORS });
    }),
    http.get(`${ISSUER_BASE}/ob/badges/:slug`, ({ params }) => {
      const b = data.badges.find((x) => x.slug === params.slug);
      if (!b) return new HttpResponse(null, { status: 404, headers: CORS });
      return HttpResponse.json(
        {
          '@context': OB_CONTEXT, type: 'BadgeClass', id: `${ISSUER_BASE}/ob/badges/${b.slug}`, name: b.name,
          description: b.description, image: badgeImageFor(b), criteria: { narrative: b.criteria }, issuer: issuerUrl,
        },
        { headers: CORS },
      );
    }),
    http.get(issuerUrl, () =>
      HttpResponse.json(
        {
          '@context': OB_CONTEXT, type: 'Issuer', id: issuerUrl, name: ISSUER_NAME, url: ISSUER_BASE,
          email: 'badges@acme.example', verification: { type: 'hosted', allowedOrigins: new URL(ISSUER_BASE).host },
        },
        { headers: CORS },
      ),
    ),
  );
}
