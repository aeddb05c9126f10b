/**
 * `confab/jsx`: types for using the Confab tags directly in a framework's templates, without the
 * React wrappers. Types only, nothing at run time.
 *
 * - Svelte: included automatically (the `svelteHTML` declaration below) once anything imports
 *   `confab/jsx`, e.g. `import type {} from 'confab/jsx'` in `src/app.d.ts`.
 * - React 19 (without `confab/react`) and Preact: add one augmentation in your own project, where
 *   the framework is installed (see README "Framework use"):
 *
 *   declare module 'preact' { namespace JSX { interface IntrinsicElements extends ConfabIntrinsicElements {} } }
 *
 * - Vue: `ConfabVueComponents` for `GlobalComponents`; Angular: `CUSTOM_ELEMENTS_SCHEMA` plus the
 *   `HTMLElementTagNameMap` entries every `define` module declares.
 *
 * Attribute names are as written in markup (`page-size`); property names (`pageSize`, and the
 * provider's `backend`) work too where the framework sets properties on custom elements (React 19,
 * Preact, Vue with `.prop`, Svelte). Events are `on` + the event name: `onconfab-load`.
 */
import type { ConfabForumFeed } from '../elements/forum-feed/forum-feed.js';
import type { ConfabQaBox } from '../elements/qa-box/qa-box.js';
import type { ConfabArticleSearch, Mode } from '../elements/article-search/article-search.js';
import type { ConfabCertBadge, CertLayout } from '../elements/cert-badge/cert-badge.js';
import type { ConfabNotifications } from '../elements/notifications/notifications.js';
import type { ConfabProvider } from '../core/provider.js';
import type { ConfabInsights } from '../elements/insights/insights.js';
import type { InsightsRangeName } from '../elements/insights/range.js';
import type { ConfabModQueue, QueueFilter } from '../elements/mod-queue/mod-queue.js';
import type { ConfabEvent, ConfabEventName } from '../core/events.js';
import type { CommunityBackend } from '../backends/types.js';
import type { Theme } from '../ui/theme-controller.js';
import type { ThreadSort } from '../contract/index.js';

/** Every Confab tag and the class behind it. */
export interface ConfabElementTagNameMap {
  'confab-forum-feed': ConfabForumFeed;
  'confab-qa-box': ConfabQaBox;
  'confab-article-search': ConfabArticleSearch;
  'confab-cert-badge': ConfabCertBadge;
  'confab-provider': ConfabProvider;
  'confab-notifications': ConfabNotifications;
  'confab-insights': ConfabInsights;
  'confab-mod-queue': ConfabModQueue;
}

/** A Confab tag name. */
export type ConfabTagName = keyof ConfabElementTagNameMap;

type Bool = boolean | '' | 'true' | 'false';
type Num = number | `${number}`;

/** The attributes of each tag, as written in markup, and the properties behind them. */
export interface ConfabElementAttributes {
  'confab-forum-feed': {
    theme?: Theme; category?: string; tag?: string; sort?: ThreadSort;
    'page-size'?: Num; pageSize?: number; 'thread-href'?: string; threadHref?: string;
    compose?: Bool; live?: Bool;
  };
  'confab-qa-box': { theme?: Theme; category?: string; categories?: string; placeholder?: string; question?: string };
  'confab-article-search': {
    theme?: Theme; mode?: Mode; placeholder?: string; 'article-href'?: string; articleHref?: string;
    shortcut?: Bool; product?: string; 'page-size'?: Num; pageSize?: number;
  };
  'confab-cert-badge': {
    theme?: Theme; person?: string; org?: string; assertion?: string; credential?: string; layout?: CertLayout;
    identity?: string; label?: string; verify?: Bool;
  };
  'confab-provider': { api?: string; /** Property only: objects cannot be attributes. */ backend?: CommunityBackend };
  'confab-notifications': { theme?: Theme; label?: string };
  'confab-insights': {
    theme?: Theme; range?: InsightsRangeName; from?: string; to?: string; label?: string;
    'question-url'?: string; questionUrl?: string; 'qa-box'?: string; qaBox?: string;
  };
  'confab-mod-queue': { theme?: Theme; filter?: QueueFilter; reason?: string; 'page-size'?: Num; pageSize?: number; live?: Bool };
}

/** The `confab-*` events each tag fires (its class JSDoc's `@fires`). */
export interface ConfabElementEvents {
  'confab-forum-feed': 'confab-load' | 'confab-error' | 'confab-auth-required' | 'confab-thread-open' | 'confab-reported';
  'confab-qa-box': 'confab-load' | 'confab-error' | 'confab-auth-required' | 'confab-deflected' | 'confab-question-asked' | 'confab-answer-accepted' | 'confab-reported';
  'confab-article-search': 'confab-load' | 'confab-error' | 'confab-auth-required' | 'confab-ask' | 'confab-article-open' | 'confab-feedback';
  'confab-cert-badge': 'confab-load' | 'confab-error' | 'confab-auth-required' | 'confab-verified';
  'confab-provider': never;
  'confab-notifications': 'confab-load' | 'confab-error' | 'confab-auth-required' | 'confab-notification-open';
  'confab-insights': 'confab-load' | 'confab-error' | 'confab-auth-required' | 'confab-question-open' | 'confab-export';
  'confab-mod-queue': 'confab-load' | 'confab-error' | 'confab-moderated';
}

/** Handler props for `T`'s events, named `${Prefix}${event}`: `onconfab-load`, `on:confab-load`. */
export type ConfabEventHandlers<T extends ConfabTagName, Prefix extends string = 'on'> = {
  [K in ConfabElementEvents[T] as `${Prefix}${K}`]?: (event: ConfabEvent<K & ConfabEventName>) => void;
};

/** The props of one tag in JSX: its attributes and properties plus `on<event>` handlers. */
export type ConfabJSXProps<T extends ConfabTagName> = ConfabElementAttributes[T] & ConfabEventHandlers<T>;

/** What every tag accepts when the framework's own HTML attributes are not merged in. */
export interface ConfabCommonAttributes {
  id?: string; class?: string; className?: string; slot?: string; lang?: string; dir?: string;
  style?: unknown; hidden?: boolean; children?: unknown; key?: unknown; ref?: unknown;
}

/**
 * JSX `IntrinsicElements` entries for the five tags. `Base` is the framework's own attribute type
 * for HTML elements, e.g. React's `HTMLAttributes<HTMLElement>` or Preact's `HTMLAttributes`.
 */
export type ConfabIntrinsicElements<Base = ConfabCommonAttributes> = {
  [T in ConfabTagName]: Base & ConfabJSXProps<T>;
};

/** `confab-thread-open` -> `ConfabThreadOpen`. */
type Pascal<S extends string> = S extends `${infer H}-${infer T}` ? `${Capitalize<H>}${Pascal<T>}` : Capitalize<S>;

/**
 * Vue: the props for `GlobalComponents`, so `vue-tsc` checks attributes and `@confab-load`
 * handlers (Vue types `@confab-load` as the prop `onConfabLoad`). Wrap it in Vue's
 * `DefineComponent` in your project; Confab never imports vue. See README "Vue".
 */
export type ConfabVueProps<T extends ConfabTagName> = ConfabElementAttributes[T] & {
  [K in ConfabElementEvents[T] as `on${Pascal<K>}`]?: (event: ConfabEvent<K & ConfabEventName>) => void;
};

// Svelte's language tools read this global namespace (Svelte 4 and 5). Declaring it where Svelte is
// absent only adds an unused namespace, so it is safe for everyone.
declare global {
  namespace svelteHTML {
    interface IntrinsicElements {
      'confab-forum-feed': SvelteProps<'confab-forum-feed'>;
      'confab-qa-box': SvelteProps<'confab-qa-box'>;
      'confab-article-search': SvelteProps<'confab-article-search'>;
      'confab-cert-badge': SvelteProps<'confab-cert-badge'>;
      'confab-provider': SvelteProps<'confab-provider'>;
      'confab-notifications': SvelteProps<'confab-notifications'>;
      'confab-insights': SvelteProps<'confab-insights'>;
      'confab-mod-queue': SvelteProps<'confab-mod-queue'>;
    }
  }
}

/** Svelte 5 handlers are `onconfab-load`, Svelte 4's `on:confab-load`; both are accepted. */
type SvelteProps<T extends ConfabTagName> = ConfabCommonAttributes & ConfabJSXProps<T> & ConfabEventHandlers<T, 'on:'>;
