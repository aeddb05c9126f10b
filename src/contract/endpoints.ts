import type * as v from 'valibot';
import type { Endpoint } from './groups/endpoint.js';
import { threadEndpoints } from './groups/threads.js';
import { questionEndpoints } from './groups/questions.js';
import { articleEndpoints } from './groups/articles.js';
import { certificationEndpoints } from './groups/certifications.js';
import { meEndpoints } from './groups/me.js';
import { statsEndpoints } from './groups/stats.js';
import { moderationEndpoints } from './groups/moderation.js';
import { Problem } from './problem.js';

export type { Endpoint };

/**
 * Every operation of the v1 REST contract, in one table. The OpenAPI document, the server's request
 * validation and the client's response validation all read it, so none of them can drift.
 * Paths are relative to the API base URL (`data-api`), e.g. `https://community.example.com/api`.
 *
 * The table is joined from one part per resource group (`groups/*.ts`) so that the browser client
 * can load only the part an element calls (backends/rest/groups.ts): an element's first load then
 * carries its own schemas, not the whole contract's.
 */
export const endpoints = {
  ...threadEndpoints,
  ...questionEndpoints,
  ...articleEndpoints,
  ...certificationEndpoints,
  ...meEndpoints,
  ...statsEndpoints,
  ...moderationEndpoints,
} satisfies Record<string, Endpoint>;

/**
 * The same operations by resource group, each with the line that introduces it: the OpenAPI
 * document makes one tag of each group, so an API reference lists them in this order.
 */
export const endpointGroups = {
  threads: { description: 'Discussion threads and their replies (the forum feed)', endpoints: threadEndpoints },
  questions: { description: 'Questions, answers, votes and deflection (the Q&A box)', endpoints: questionEndpoints },
  articles: { description: 'Knowledge-base search, articles and "was this helpful" feedback', endpoints: articleEndpoints },
  certifications: { description: 'Certifications and their Open Badges 2.0 verification', endpoints: certificationEndpoints },
  me: { description: 'The caller, as the server reads the token', endpoints: meEndpoints },
  stats: { description: 'Community health for vendor staff', endpoints: statsEndpoints },
  moderation: { description: 'Reports, the moderation queue and actions, watched words, the audit log and revisions', endpoints: moderationEndpoints },
} satisfies Record<string, { description: string; endpoints: Record<string, Endpoint> }>;
export type EndpointGroupName = keyof typeof endpointGroups;

export type EndpointName = keyof typeof endpoints;
/** The 200 body of an endpoint, as the client sees it after validation. */
export type ResponseOf<N extends EndpointName> = (typeof endpoints)[N] extends { response: infer S extends v.GenericSchema }
  ? v.InferOutput<S>
  : void;

export { Problem };
