import { expect } from '@open-wc/testing';
import { RestBackend } from '../../../src/backends/rest/index.js';
import { parseRetryAfter } from '../../../src/backends/rest/http-errors.js';
import { buildUrl } from '../../../src/backends/rest/url.js';
import { openEvents } from '../../../src/backends/rest/events.js';
import { AuthError, BackendError, OfflineError, UnreachableError, ValidationError } from '../../../src/core/errors.js';
import type { LiveEvent } from '../../../src/contract/index.js';
import { errorText } from '../../../src/ui/error-text.js';
import {
  certification, fakeServer, newThread, post, problem, searchResult, similar, thread, threadPage, threadWithPosts,
} from './fake.js';

/** Resolves with what the promise rejected with; fails if it resolved. */
async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

const fast = { limit: 2, backoffLimit: 50 };

describe('RestBackend', () => {
  describe('happy path', () => {
    it('lists threads with query params, a bearer token and validated data', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/threads', responses: [{ body: threadPage(5) }] });
      const backend = new RestBackend({ baseUrl: fake.baseUrl, getToken: () => 'tok-1' });
      const page = await backend.listThreads({ category: 'deals', sort: 'latest', tag: undefined, limit: 20 });
      expect(page.items).to.have.length(5);
      expect(page.items[3]!.title).to.equal('Deal registration question 3');
      expect(page.nextCursor).to.equal('c2');
      const [req] = await fake.log();
      expect(req!.query).to.equal('category=deals&sort=latest&limit=20');
      expect(req!.headers.authorization).to.equal('Bearer tok-1');
      expect(req!.headers.accept).to.equal('application/json, application/problem+json');
    });

    it('gets a thread with an encoded id and lists further posts', async () => {
      const fake = fakeServer();
      await fake.route(
        { path: '/v1/threads/a%20b', responses: [{ body: threadWithPosts }] },
        { path: '/v1/threads/t1/posts', responses: [{ body: { items: [post(3)], nextCursor: null } }] },
      );
      const backend = new RestBackend({ baseUrl: fake.baseUrl });
      const got = await backend.getThread('a b');
      expect(got.thread.body).to.equal(thread.body);
      expect(got.posts.items.map((p) => p.id)).to.deep.equal(['p1', 'p2']);
      const more = await backend.listPosts('t1', 'cur/2');
      expect(more.items[0]!.id).to.equal('p3');
      const log = await fake.log();
      expect(log[0]!.headers.authorization).to.equal(undefined);
      expect(log[1]!.query).to.equal('cursor=cur%2F2');
    });

    it('returns the items of similar questions and certifications', async () => {
      const fake = fakeServer();
      await fake.route(
        { path: '/v1/questions/similar', responses: [{ body: similar }] },
        { path: '/v1/certifications', responses: [{ body: { items: [certification] } }] },
      );
      const backend = new RestBackend({ baseUrl: fake.baseUrl, getToken: async () => null });
      expect((await backend.similarQuestions('  mdf claim  '))[0]!.title).to.equal('MDF claims');
      expect((await backend.listCertifications({ org: 'o1' }))[0]!.name).to.equal('Certified Integrator');
      const log = await fake.log();
      expect(log.map((e) => e.query)).to.deep.equal(['q=mdf+claim&limit=5', 'org=o1']);
      expect(log[0]!.headers.authorization).to.equal(undefined);
    });

    it('repeats array query params and drops undefined ones', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/articles/search', responses: [{ body: searchResult }] });
      const backend = new RestBackend({ baseUrl: fake.baseUrl });
      const result = await backend.searchArticles({ q: 'sso', product: ['Gateway', 'Edge'], contentType: undefined });
      expect(result.items[0]!.highlights.title[0]).to.deep.equal({ start: 10, length: 3 });
      expect((await fake.log())[0]!.query).to.equal('q=sso&product=Gateway&product=Edge');
    });

    it('posts a validated JSON body and reads a 204 as undefined', async () => {
      const fake = fakeServer();
      await fake.route(
        { method: 'POST', path: '/v1/threads', responses: [{ status: 201, body: thread }] },
        { method: 'DELETE', path: '/v1/threads/t1', responses: [{ status: 204 }] },
      );
      const backend = new RestBackend({ baseUrl: fake.baseUrl, getToken: () => 'tok' });
      expect((await backend.createThread({ ...newThread, title: '  Deal size minimum  ' })).id).to.equal('t1');
      expect(await backend.call('deleteThread', { params: { id: 't1' } })).to.equal(undefined);
      const [create, del] = await fake.log();
      expect(JSON.parse(create!.body)).to.deep.equal({ ...newThread, tags: [] });
      expect(create!.headers['content-type']).to.equal('application/json');
      expect(del!.method).to.equal('DELETE');
    });

    it('uses the base URL as its id and builds URLs from the endpoint table', () => {
      expect(new RestBackend({ baseUrl: 'https://c.example/api' }).id).to.equal('https://c.example/api');
      expect(buildUrl('https://c.example/api/', '/v1/threads/{id}/posts', { id: 'x/y' }, { cursor: 'a', n: null, t: [1, true] }))
        .to.equal('https://c.example/api/v1/threads/x%2Fy/posts?cursor=a&t=1&t=true');
    });
  });

  describe('retries', () => {
    it('retries a GET on 503 and succeeds', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/threads', responses: [{ status: 503 }, { status: 503 }, { body: threadPage(1) }] });
      const backend = new RestBackend({ baseUrl: fake.baseUrl, retry: fast });
      expect((await backend.listThreads({})).items).to.have.length(1);
      expect(await fake.log()).to.have.length(3);
    });

    it('gives up after the retry limit with a BackendError', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/me', responses: [problem(502, 'Bad Gateway')] });
      const backend = new RestBackend({ baseUrl: fake.baseUrl, retry: fast });
      const e = await rejection(backend.me());
      expect(e).to.be.instanceOf(BackendError);
      expect(e.status).to.equal(502);
      expect(await fake.log()).to.have.length(3);
    });

    it('does not retry other client errors', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/threads/t9', responses: [problem(404, 'Not Found', 'No thread t9')] });
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl, retry: fast }).getThread('t9'));
      expect(e).to.be.instanceOf(BackendError);
      expect(e.message).to.equal('No thread t9');
      expect(await fake.log()).to.have.length(1);
    });

    it('waits as long as Retry-After says', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/threads', responses: [{ status: 429, headers: { 'retry-after': '1' } }, { body: threadPage(1) }] });
      await new RestBackend({ baseUrl: fake.baseUrl, retry: fast }).listThreads({});
      const [first, second] = await fake.log();
      expect(second!.at - first!.at).to.be.within(900, 1900);
    });

    it('caps a long Retry-After', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/threads', responses: [{ status: 503, headers: { 'retry-after': '120' } }, { body: threadPage(1) }] });
      await new RestBackend({ baseUrl: fake.baseUrl, retry: { ...fast, maxRetryAfter: 200 } }).listThreads({});
      const [first, second] = await fake.log();
      expect(second!.at - first!.at).to.be.within(150, 1000);
    });

    it('reads Retry-After as seconds or an HTTP date', () => {
      const now = Date.parse('2026-03-02T10:00:00Z');
      expect(parseRetryAfter('7', now)).to.equal(7);
      expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:30 GMT', now)).to.equal(30);
      expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).to.equal(0);
      expect(parseRetryAfter('soon', now)).to.equal(null);
      expect(parseRetryAfter(null, now)).to.equal(null);
    });

    it('does not retry a POST without an idempotency key', async () => {
      const fake = fakeServer();
      await fake.route({ method: 'POST', path: '/v1/threads', responses: [{ status: 503, headers: { 'retry-after': '3' } }, { status: 201, body: thread }] });
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl, retry: fast }).createThread(newThread));
      expect(e).to.be.instanceOf(BackendError);
      expect(e.status).to.equal(503);
      expect(e.retryAfter).to.equal(3);
      expect(await fake.log()).to.have.length(1);
    });

    it('retries a POST that carries an idempotency key, sending the key each time', async () => {
      const fake = fakeServer();
      await fake.route({ method: 'POST', path: '/v1/questions/q1/answers', responses: [{ status: 503 }, { status: 201, body: {
        id: 'a1', questionId: 'q1', author: post(1).author, body: 'Use the form', score: 0, myVote: 0, accepted: false, createdAt: post(1).createdAt,
      } }] });
      const backend = new RestBackend({ baseUrl: fake.baseUrl, retry: fast });
      const answer = await backend.answerQuestion('q1', { body: 'Use the form' }, { idempotencyKey: 'key-123' });
      expect(answer.id).to.equal('a1');
      const log = await fake.log();
      expect(log.map((e) => e.headers['idempotency-key'])).to.deep.equal(['key-123', 'key-123']);
    });
  });

  describe('auth', () => {
    it('refreshes the token once after a 401 and succeeds', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/me', responses: [problem(401, 'Unauthorized'), { body: { authenticated: false } }] });
      const calls: unknown[] = [];
      const backend = new RestBackend({
        baseUrl: fake.baseUrl,
        getToken: async (o) => (calls.push(o), o?.forceRefresh ? 'fresh' : 'stale'),
      });
      expect(await backend.me()).to.deep.equal({ authenticated: false });
      expect(calls).to.deep.equal([undefined, { forceRefresh: true }]);
      expect((await fake.log()).map((e) => e.headers.authorization)).to.deep.equal(['Bearer stale', 'Bearer fresh']);
    });

    it('throws AuthError on a second 401', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/me', responses: [problem(401, 'Unauthorized', 'Token expired')] });
      const backend = new RestBackend({ baseUrl: fake.baseUrl, getToken: () => 'tok' });
      const e = await rejection(backend.me());
      expect(e).to.be.instanceOf(AuthError);
      expect(e.status).to.equal(401);
      expect(e.message).to.equal('Token expired');
      expect(await fake.log()).to.have.length(2);
    });

    it('asks for one fresh token when several calls get a 401 at once', async () => {
      const fake = fakeServer();
      await fake.route(
        { path: '/v1/me', responses: [problem(401, 'Unauthorized'), { body: { authenticated: false } }] },
        { path: '/v1/stats', responses: [problem(401, 'Unauthorized'), { body: { medianHoursToFirstAnswer: null, resolutionRate: null, helpfulRate: { articles: null, answers: null }, weekly: [] } }] },
      );
      let refreshes = 0;
      const backend = new RestBackend({
        baseUrl: fake.baseUrl,
        getToken: async (o) => (o?.forceRefresh ? (refreshes++, await new Promise((r) => setTimeout(r, 50)), 'fresh') : 'stale'),
      });
      await Promise.all([backend.me(), backend.stats()]);
      expect(refreshes).to.equal(1);
    });

    it('a 503 (the identity provider\'s keys or the database out of reach) is neither signed out nor offline: no refresh, a BackendError with Retry-After', async () => {
      const fake = fakeServer();
      // What the server answers then (server/src/middlewares/authenticate.ts, problem.ts).
      const down = { ...problem(503, 'Service Unavailable', 'The sign-in keys cannot be checked right now; try again shortly.'), headers: { 'content-type': 'application/problem+json', 'retry-after': '1' } };
      await fake.route({ path: '/v1/me', responses: [down] });
      const calls: unknown[] = [];
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl, getToken: (o) => (calls.push(o), 'tok'), retry: { ...fast, limit: 1, maxRetryAfter: 50 } }).me());
      expect(e).to.be.instanceOf(BackendError);
      expect(e).not.to.be.instanceOf(AuthError);
      expect(e).not.to.be.instanceOf(OfflineError);
      expect(e.status).to.equal(503);
      expect(e.retryAfter).to.equal(1);
      expect(calls).to.deep.equal([undefined], 'the token is not refreshed');
      const text = errorText(e);
      expect(text.title).to.contain('503');
      expect(text.title).not.to.match(/sign in|offline/i);
      expect(text.detail).to.equal('The sign-in keys cannot be checked right now; try again shortly.');
    });

    it('throws AuthError on 403 without refreshing', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/stats', responses: [problem(403, 'Forbidden')] });
      let calls = 0;
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl, getToken: () => (calls++, 'tok') }).stats());
      expect(e).to.be.instanceOf(AuthError);
      expect(e.message).to.equal('Forbidden');
      expect(calls).to.equal(1);
    });
  });

  describe('abort', () => {
    it('rejects with the AbortError when aborted mid-request', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/threads', responses: [{ body: threadPage(1), delay: 1500 }] });
      const controller = new AbortController();
      const pending = new RestBackend({ baseUrl: fake.baseUrl }).listThreads({}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const e = await rejection(pending);
      expect(e).to.be.instanceOf(DOMException);
      expect(e.name).to.equal('AbortError');
    });

    it('rejects with the AbortError when aborted while waiting to retry', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/threads', responses: [{ status: 503, headers: { 'retry-after': '5' } }] });
      const controller = new AbortController();
      const pending = new RestBackend({ baseUrl: fake.baseUrl }).listThreads({}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 200);
      const e = await rejection(pending);
      expect(e.name).to.equal('AbortError');
      expect(await fake.log()).to.have.length(1);
    });

    it('sends nothing when the signal is already aborted', async () => {
      const fake = fakeServer();
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl }).me({ signal: AbortSignal.abort() }));
      expect(e.name).to.equal('AbortError');
      expect(await fake.log()).to.have.length(0);
    });
  });

  describe('validation', () => {
    it('names the path of a wrong-shaped field', async () => {
      const fake = fakeServer();
      const page = threadPage(5);
      (page.items[3] as { title: unknown }).title = 3;
      await fake.route({ path: '/v1/threads', responses: [{ body: page }] });
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl }).listThreads({}));
      expect(e).to.be.instanceOf(ValidationError);
      expect(e.message).to.equal('Unexpected response from GET /v1/threads: items[3].title: expected string, got 3');
      expect(e.errors).to.deep.equal([{ path: 'items[3].title', message: 'expected string, got 3' }]);
      expect(e.status).to.equal(200);
    });

    it('rejects malformed JSON', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/me', responses: [{ headers: { 'content-type': 'application/json' }, body: '{"authenticated": tru' }] });
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl }).me());
      expect(e).to.be.instanceOf(ValidationError);
      expect(e.message).to.contain('not valid JSON');
    });

    it('rejects a non-JSON content type on a JSON endpoint', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/me', responses: [{ headers: { 'content-type': 'text/html' }, body: '<h1>Portal login</h1>' }] });
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl }).me());
      expect(e).to.be.instanceOf(ValidationError);
      expect(e.message).to.contain('not valid JSON (content-type text/html)');
    });

    it('rejects an invalid write before sending it', async () => {
      const fake = fakeServer();
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl }).createThread({ ...newThread, title: 'no' }));
      expect(e).to.be.instanceOf(ValidationError);
      expect(e.message).to.equal('Invalid request to POST /v1/threads: title: must be at least 3 characters');
      expect(await fake.log()).to.have.length(0);
    });
  });

  describe('errors', () => {
    it('turns problem+json into a BackendError with status, problem and retryAfter', async () => {
      const fake = fakeServer();
      const body = { type: 'https://confab.dev/problems/rate', title: 'Too Many Requests', status: 429, detail: 'Slow down', errors: [{ path: 'q', message: 'too short' }] };
      await fake.route({ path: '/v1/questions', responses: [{ status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '60' }, body: JSON.stringify(body) }] });
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl, retry: { limit: 0 } }).listQuestions({}));
      expect(e).to.be.instanceOf(BackendError);
      expect(e).not.to.be.instanceOf(AuthError);
      expect(e.status).to.equal(429);
      expect(e.message).to.equal('Slow down');
      expect(e.problem).to.deep.equal(body);
      expect(e.retryAfter).to.equal(60);
    });

    it('turns a 422 problem with field errors into a ValidationError', async () => {
      const fake = fakeServer();
      const body = { title: 'Unprocessable Content', status: 422, detail: 'title: already taken', errors: [{ path: 'title', message: 'already taken' }] };
      await fake.route({ method: 'POST', path: '/v1/threads', responses: [{ status: 422, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify(body) }] });
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl }).createThread(newThread));
      expect(e).to.be.instanceOf(ValidationError);
      expect([e.status, e.message]).to.deep.equal([422, 'title: already taken']);
      expect(e.errors).to.deep.equal([{ path: 'title', message: 'already taken' }]);
      expect(e.problem).to.deep.equal(body);
    });

    it('falls back to HTTP <status> without a problem body', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/me', responses: [{ status: 418, headers: { 'content-type': 'text/plain' }, body: 'teapot' }] });
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl }).me());
      expect(e).to.be.instanceOf(BackendError);
      expect(e.message).to.equal('HTTP 418');
      expect(e.problem).to.equal(null);
    });

    it('turns a refused connection into an OfflineError', async () => {
      const e = await rejection(new RestBackend({ baseUrl: 'http://127.0.0.1:9', retry: { limit: 1, backoffLimit: 50 } }).me());
      expect(e).to.be.instanceOf(OfflineError);
      expect(e.timedOut).to.equal(false);
      expect(e.status).to.equal(0);
    });

    it('names the server it could not reach while the browser is online (a server that is down)', async () => {
      expect(navigator.onLine).to.equal(true);
      const e = await rejection(new RestBackend({ baseUrl: 'http://127.0.0.1:9/api', retry: { limit: 0 } }).me());
      expect(e).to.be.instanceOf(UnreachableError);
      expect(e.origin).to.equal('http://127.0.0.1:9');
      expect(e.message).to.equal('Could not reach http://127.0.0.1:9.');
    });

    it('names the server it could not reach when CORS refuses the response', async () => {
      // The fake server sends no CORS headers: from another host name it is a cross-origin refusal.
      const fake = fakeServer();
      await fake.route({ path: '/v1/me', responses: [{ body: { authenticated: false } }] });
      const crossOrigin = `http://127.0.0.1:${location.port}`;
      expect(location.origin).not.to.equal(crossOrigin);
      const e = await rejection(new RestBackend({ baseUrl: `${crossOrigin}${fake.baseUrl}`, retry: { limit: 0 } }).me());
      expect(e).to.be.instanceOf(UnreachableError);
      expect(e.origin).to.equal(crossOrigin);
    });

    it('says offline, naming no server, when the browser reports no network', async () => {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      try {
        const e = await rejection(new RestBackend({ baseUrl: 'http://127.0.0.1:9', retry: { limit: 0 } }).me());
        expect(e).to.be.instanceOf(OfflineError);
        expect(e).not.to.be.instanceOf(UnreachableError);
      } finally {
        delete (navigator as { onLine?: boolean }).onLine;
      }
      expect(navigator.onLine).to.equal(true);
    });

    it('reads a JSON error body that is not a problem as no problem, keeping the status', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/me', responses: [{ status: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'nope' }) }] });
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl }).me());
      expect(e).to.be.instanceOf(BackendError);
      expect([e.status, e.message, e.problem]).to.deep.equal([404, 'HTTP 404', null]);
    });

    it('turns a timeout into an OfflineError with timedOut', async () => {
      const fake = fakeServer();
      await fake.route({ path: '/v1/me', responses: [{ body: { authenticated: false }, delay: 1000 }] });
      const e = await rejection(new RestBackend({ baseUrl: fake.baseUrl, timeout: 150 }).me());
      expect(e).to.be.instanceOf(OfflineError);
      expect(e.timedOut).to.equal(true);
    });
  });

  describe('subscribe', () => {
    it('delivers valid live events, ignores invalid ones, and opens the stream with a ticket: the token is only ever a header', async () => {
      const fake = fakeServer();
      const ev = (type: string, id: string) => JSON.stringify({ type, id, parentId: 't1', category: 'deals', at: '2026-03-02T10:15:00.000Z' });
      const stream = [
        'retry: 60000',
        '',
        `event: post.created\ndata: ${ev('post.created', 'p1')}`,
        '',
        'data: not json',
        '',
        `event: thread.created\ndata: ${JSON.stringify({ type: 'thread.created', id: 3 })}`,
        '',
        `data: ${ev('answer.accepted', 'a1')}`,
        '',
        '',
      ].join('\n');
      await fake.route(
        { method: 'POST', path: '/v1/live/ticket', responses: [{ body: { ticket: 'tk_one', expiresAt: '2026-03-02T10:16:00.000Z' } }] },
        { path: '/v1/events', responses: [{ headers: { 'content-type': 'text/event-stream' }, body: stream }] },
      );
      const got: LiveEvent[] = [];
      const controller = new AbortController();
      new RestBackend({ baseUrl: fake.baseUrl, getToken: async () => 'jwt.x' }).subscribe((e) => got.push(e), controller.signal);
      const until = Date.now() + 5000;
      while (got.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      controller.abort();
      expect(got.map((e) => `${e.type} ${e.id}`)).to.deep.equal(['post.created p1', 'answer.accepted a1']);
      const log = await fake.log();
      const ticketReq = log.find((e) => e.path === '/v1/live/ticket')!;
      expect(ticketReq.method).to.equal('POST');
      expect(ticketReq.headers['authorization']).to.equal('Bearer jwt.x');
      expect(log.find((e) => e.path === '/v1/events')!.query).to.equal('ticket=tk_one');
      for (const e of log) expect(e.path + '?' + e.query).not.to.contain('jwt.x');
    });

    it('resumes after the last event: Last-Event-ID when EventSource reconnects, ?lastEventId= when the stream is opened again', async () => {
      const fake = fakeServer();
      const ev = (id: string) => JSON.stringify({ type: 'post.created', id, parentId: 't1', category: null, at: '2026-03-02T10:15:00.000Z' });
      const sse = (id: string, retry: number) => ({ headers: { 'content-type': 'text/event-stream' }, body: `retry: ${retry}\n\nid: sse-${id}\nevent: post.created\ndata: ${ev(id)}\n\n` });
      // 1: one event, then the response ends (EventSource reconnects by itself, after 20 ms); 2: refused,
      // so EventSource gives up and the stream is opened anew; 3: the next event. The fake repeats its
      // last response, so that one tells EventSource not to reconnect during the test (else p2 comes twice).
      await fake.route({ path: '/v1/events', responses: [sse('p1', 20), problem(401, 'Unauthorized'), sse('p2', 600_000)] });
      const got: LiveEvent[] = [];
      const controller = new AbortController();
      openEvents(fake.baseUrl, async () => 'jwt', (e) => got.push(e), controller.signal, 30);
      const until = Date.now() + 5000;
      while (got.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      controller.abort();
      expect(got.map((e) => e.id)).to.deep.equal(['p1', 'p2']);
      const log = await fake.log();
      expect(log[1]!.headers['last-event-id']).to.equal('sse-p1');
      expect(new URLSearchParams(log[2]!.query).get('lastEventId')).to.equal('sse-p1');
    });

    it('opens the stream again with a fresh ticket when the server refuses it', async () => {
      const fake = fakeServer();
      const event = JSON.stringify({ type: 'question.created', id: 'q9', parentId: null, category: null, at: '2026-03-02T10:15:00.000Z' });
      await fake.route({ path: '/v1/events', responses: [
        problem(401, 'Unauthorized'),
        { headers: { 'content-type': 'text/event-stream' }, body: `retry: 60000\n\nevent: question.created\ndata: ${event}\n\n` },
      ] });
      const got: LiveEvent[] = [];
      const controller = new AbortController();
      openEvents(fake.baseUrl, async (refresh) => (refresh ? 'fresh' : 'stale'), (e) => got.push(e), controller.signal, 50);
      const until = Date.now() + 5000;
      while (!got.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      controller.abort();
      expect(got.map((e) => e.id)).to.deep.equal(['q9']);
      expect((await fake.log()).map((e) => e.query)).to.deep.equal(['ticket=stale', 'ticket=fresh']);
    });
  });
});
