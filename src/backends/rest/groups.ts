import type { Endpoint, EndpointName } from '../../contract/endpoints.js';
import type { threadEndpoints } from '../../contract/groups/threads.js';
import type { questionEndpoints } from '../../contract/groups/questions.js';
import type { articleEndpoints } from '../../contract/groups/articles.js';
import type { certificationEndpoints } from '../../contract/groups/certifications.js';
import type { meEndpoints } from '../../contract/groups/me.js';
import type { statsEndpoints } from '../../contract/groups/stats.js';
import type { notificationEndpoints } from '../../contract/groups/notifications.js';
import type { webhookEndpoints } from '../../contract/groups/webhooks.js';
import type { insightsEndpoints } from '../../contract/groups/insights.js';
import type { moderationEndpoints } from '../../contract/groups/moderation.js';

/**
 * The contract's endpoint table, loaded one resource group at a time. Each group's part of the table
 * (paths and valibot schemas) is its own chunk, so an element ships the schemas it calls, not all of
 * them. The loader starts an element's groups together with the element's chunk (`warmGroups`); any
 * other group is imported on its first call.
 */
interface Tables {
  threads: typeof threadEndpoints;
  questions: typeof questionEndpoints;
  articles: typeof articleEndpoints;
  certifications: typeof certificationEndpoints;
  me: typeof meEndpoints;
  stats: typeof statsEndpoints;
  notifications: typeof notificationEndpoints;
  webhooks: typeof webhookEndpoints;
  insights: typeof insightsEndpoints;
  moderation: typeof moderationEndpoints;
}
export type EndpointGroup = keyof Tables;

const imports: { [G in EndpointGroup]: () => Promise<Tables[G]> } = {
  threads: () => import('../../contract/groups/threads.js').then((m) => m.threadEndpoints),
  questions: () => import('../../contract/groups/questions.js').then((m) => m.questionEndpoints),
  articles: () => import('../../contract/groups/articles.js').then((m) => m.articleEndpoints),
  certifications: () => import('../../contract/groups/certifications.js').then((m) => m.certificationEndpoints),
  me: () => import('../../contract/groups/me.js').then((m) => m.meEndpoints),
  stats: () => import('../../contract/groups/stats.js').then((m) => m.statsEndpoints),
  notifications: () => import('../../contract/groups/notifications.js').then((m) => m.notificationEndpoints),
  webhooks: () => import('../../contract/groups/webhooks.js').then((m) => m.webhookEndpoints),
  insights: () => import('../../contract/groups/insights.js').then((m) => m.insightsEndpoints),
  moderation: () => import('../../contract/groups/moderation.js').then((m) => m.moderationEndpoints),
};

// Which group an endpoint belongs to, by its name. Cheaper than a 32-entry table, and checked by
// TypeScript: `Classify` mirrors the rules, and `_EveryEndpointInItsGroup` fails to compile if an
// endpoint of some group's table is classified into another group.
const RULES: [RegExp, EndpointGroup][] = [
  [/Insights|^insights$|Csat|SearchClick|Experts/, 'insights'],
  [/Flag|^moderation|WatchedWords|Revisions/, 'moderation'],
  [/Thread|Post/, 'threads'],
  [/Question|Answer|Deflection/, 'questions'],
  [/Article/, 'articles'],
  [/Certification|Assertion/, 'certifications'],
  [/^stats$/, 'stats'],
  [/[Ff]ollow|Notification|Preferences|People|LiveTicket/, 'notifications'],
  [/Webhook/, 'webhooks'],
];
const groupOf = (name: string): EndpointGroup => RULES.find(([re]) => re.test(name))?.[1] ?? 'me';

type Has<N, W extends string> = N extends `${string}${W}${string}` ? true : false;
type Classify<N> = Has<N, 'Insights' | 'Csat' | 'SearchClick' | 'Experts'> extends true ? 'insights'
  : N extends 'insights' ? 'insights'
  : Has<N, 'Flag' | 'WatchedWords' | 'Revisions'> extends true ? 'moderation'
  : N extends `moderation${string}` ? 'moderation'
  : Has<N, 'Thread' | 'Post'> extends true ? 'threads'
  : Has<N, 'Question' | 'Answer' | 'Deflection'> extends true ? 'questions'
  : Has<N, 'Article'> extends true ? 'articles'
  : Has<N, 'Certification' | 'Assertion'> extends true ? 'certifications'
  : N extends 'stats' ? 'stats'
  : Has<N, 'Follow' | 'follow' | 'Notification' | 'Preferences' | 'People' | 'LiveTicket'> extends true ? 'notifications'
  : Has<N, 'Webhook'> extends true ? 'webhooks'
  : 'me';
type Misfiled = { [G in EndpointGroup]: { [N in keyof Tables[G]]: Classify<N> extends G ? never : N }[keyof Tables[G]] }[EndpointGroup];
type Assert<T extends true> = T;
/** Compile-time only. */
export type _EveryEndpointInItsGroup = Assert<[Misfiled] extends [never] ? true : false>;

const loading = new Map<EndpointGroup, Promise<Record<string, Endpoint>>>();

function load(group: EndpointGroup): Promise<Record<string, Endpoint>> {
  let p = loading.get(group);
  if (!p) {
    p = imports[group]();
    // A chunk that failed to load (offline) is asked for again on the next call.
    p.catch(() => loading.delete(group));
    loading.set(group, p);
  }
  return p;
}

/** The contract entry for `name`, once its group's chunk is there. */
export async function endpointOf(name: EndpointName): Promise<Endpoint> {
  const ep = (await load(groupOf(name)))[name];
  if (!ep) throw new TypeError(`Unknown endpoint ${name}`);
  return ep;
}

/** Starts loading groups ahead of their first call, e.g. alongside an element's chunk. */
export function warmGroups(groups: readonly EndpointGroup[]): void {
  for (const g of groups) load(g).catch(() => undefined);
}
