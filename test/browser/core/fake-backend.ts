// A fake CommunityBackend for core tests: only the methods the tests call, each counting its calls.
// No network: results come from the handlers a test sets.
import type { CallOptions, CommunityBackend } from '../../../src/backends/types.js';

const METHODS = new Set([
  'listThreads', 'getThread', 'listPosts', 'createThread', 'replyToThread', 'listQuestions', 'similarQuestions',
  'getQuestion', 'listAnswers', 'askQuestion', 'answerQuestion', 'acceptAnswer', 'voteQuestion', 'voteAnswer',
  'recordDeflection', 'searchArticles', 'getArticle', 'sendArticleFeedback', 'listCertifications',
  'verifyCertification', 'verifyAssertion', 'me', 'stats',
]);

export type Handler = (args: unknown[], opts: CallOptions) => Promise<unknown>;

export interface FakeBackend {
  id?: string;
  calls: Record<string, { args: unknown[]; opts: CallOptions }[]>;
  handlers: Record<string, Handler>;
  backend: CommunityBackend;
}

/** Builds a fake whose every method records its call and runs `handlers[method]` (default: resolves `{ok: true}`). */
export function fakeBackend(id?: string, handlers: Record<string, Handler> = {}): FakeBackend {
  const calls: FakeBackend['calls'] = {};
  const fake: FakeBackend = { id, calls, handlers, backend: undefined as unknown as CommunityBackend };
  fake.backend = new Proxy({} as Record<string | symbol, unknown>, {
    get(_t, prop) {
      if (prop === 'id') return id;
      // Only backend-looking names: Lit probes values for `_$litDirective$` and similar.
      if (typeof prop !== 'string' || !METHODS.has(prop)) return undefined;
      return (...all: unknown[]) => {
        // The last argument is CallOptions when it is an object carrying only option keys.
        const last = all[all.length - 1];
        const hasOpts = !!last && typeof last === 'object' && ('signal' in last || 'idempotencyKey' in last);
        const args = hasOpts ? all.slice(0, -1) : all;
        const opts = (hasOpts ? last : {}) as CallOptions;
        (calls[prop] ??= []).push({ args, opts });
        return (handlers[prop] ?? (async () => ({ ok: true })))(args, opts);
      };
    },
  }) as unknown as CommunityBackend;
  return fake;
}

/** A promise with its resolve/reject exposed, so a test decides when a fake request finishes. */
export function deferred<T = unknown>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Rejects like a backend does when its signal aborts. */
export function abortable<T>(signal: AbortSignal | undefined, p: Promise<T>): Promise<T> {
  return new Promise<T>((res, rej) => {
    signal?.addEventListener('abort', () => rej(new DOMException('aborted', 'AbortError')), { once: true });
    p.then(res, rej);
  });
}

/** An unsigned JWT carrying `sub` (and a fixed org and issuer), like the one a portal's getToken returns. */
export function jwtFor(sub: string): string {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'none' })}.${b64({ sub, org: 'acme', iss: 'portal' })}.sig`;
}
