import type { CommunityBackend } from '../backends/types.js';

/** The colour schemes an element can follow. */
export const THEMES = ['light', 'dark', 'auto'] as const;
/** One of {@link THEMES}. */
export type Theme = (typeof THEMES)[number];

/** What a token provider returns: a JWT signed by the host portal, or null when nobody is signed in. */
export type TokenProvider = (o?: { forceRefresh?: boolean }) => string | null | Promise<string | null>;

/** Page-wide settings. Everything is optional; the loader fills them from `data-*` attributes. */
export interface ConfabOptions {
  /** A ready backend. Wins over `api`. */
  backend?: CommunityBackend;
  /** Base URL of a Confab REST API; a RestBackend is built for it on first use. */
  api?: string;
  /** Returns the partner's JWT. Confab never writes it to storage. */
  getToken?: TokenProvider;
  /** BCP 47 locale for dates and messages; defaults to the document's `lang`. */
  locale?: string;
  /** Colour scheme the elements follow. */
  theme?: Theme;
}

/** Builds a RestBackend. Registered by the loader so that core never imports ky itself. */
export type RestFactory = (options: { api: string; getToken?: TokenProvider }) => CommunityBackend;

let options: Readonly<ConfabOptions> = {};
let restFactory: RestFactory | undefined;
// The built RestBackend, remembered so every element on the page shares one client (and one dedup id).
let builtBackend: CommunityBackend | undefined;
// Counts sign-in changes: every configure() that passes `getToken` (even the same function: a portal
// that signed a partner in or out says so by handing the provider over again). Data loaded under an
// older epoch may belong to someone else, so ResourceController reloads when it moves on.
let identityEpoch = 0;
const listeners = new Set<(o: Readonly<ConfabOptions>) => void>();

/**
 * Sets the page-wide configuration. Later calls merge into earlier ones, so the loader can set `api`
 * from `data-api` and the host page can add `getToken` afterwards.
 *
 * @example
 * configure({ api: 'https://community.example.com/api', getToken: () => portal.jwt() });
 */
export function configure(next: ConfabOptions): void {
  if (next.theme !== undefined && !THEMES.includes(next.theme)) {
    // A typo in data-theme should be visible to the integrator, not silently become a default.
    console.warn(`[confab] theme "${String(next.theme)}" is not one of ${THEMES.join(', ')}; using "auto".`);
    next = { ...next, theme: 'auto' };
  }
  const prev = options;
  options = Object.freeze({ ...prev, ...next });
  // A new api invalidates the client built for the old one. getToken needs no rebuild: the client
  // reads it at call time, so a portal may set it after the loader configured `api`.
  if (('api' in next && next.api !== prev.api) || next.backend !== undefined) builtBackend = undefined;
  if ('getToken' in next) identityEpoch++;
  notify();
}

/**
 * Registers how to build a RestBackend from `api`. The loader calls this; a bundler user who imports
 * RestBackend directly can pass `configure({ backend })` instead.
 */
export function setRestFactory(fn: RestFactory | undefined): void {
  restFactory = fn;
  builtBackend = undefined;
  // Tell everyone, not only when `api` is global: a <confab-provider api> may be waiting for it too.
  notify();
}

/** Builds a RestBackend for `api` through the registered factory, or undefined when none is registered. */
export function createRestBackend(api: string): CommunityBackend | undefined {
  if (!restFactory) return undefined;
  // getToken is read at call time so a provider set later by configure() still applies.
  return restFactory({ api, getToken: (o) => options.getToken?.(o) ?? null });
}

/** The page-wide backend: `backend` if set, else a RestBackend for `api`, else undefined. */
export function getBackend(): CommunityBackend | undefined {
  if (options.backend) return options.backend;
  if (!options.api) return undefined;
  builtBackend ??= createRestBackend(options.api);
  return builtBackend;
}

/** How many times `getToken` was (re)configured: a change means the signed-in partner may have changed. */
export function getIdentityEpoch(): number {
  return identityEpoch;
}

/** The current options (frozen). */
export function getOptions(): Readonly<ConfabOptions> {
  return options;
}

/** Calls `cb` after every configuration change; returns the unsubscribe function. */
export function onConfigChange(cb: (o: Readonly<ConfabOptions>) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

function notify(): void {
  for (const cb of [...listeners]) {
    try {
      cb(options);
    } catch (e) {
      // One broken listener must not stop the others from hearing the change.
      console.error(e);
    }
  }
}

/** Test hook: forgets all configuration, the factory and listeners. */
export function _resetConfigForTests(): void {
  options = {};
  restFactory = undefined;
  builtBackend = undefined;
  identityEpoch = 0;
  listeners.clear();
}
