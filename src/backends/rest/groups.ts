import type { Endpoint, EndpointName } from '../../contract/endpoints.js';
import type { threadEndpoints } from '../../contract/groups/threads.js';
import type { questionEndpoints } from '../../contract/groups/questions.js';
import type { articleEndpoints } from '../../contract/groups/articles.js';
import type { certificationEndpoints } from '../../contract/groups/certifications.js';
import type { meEndpoints } from '../../contract/groups/me.js';

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
}
export type EndpointGroup = keyof Tables;

const imports: { [G in EndpointGroup]: () => Promise<Tables[G]> } = {
  threads: () => import('../../contract/groups/threads.js').then((m) => m.threadEndpoints),
  questions: () => import('../../contract/groups/questions.js').then((m) => m.questionEndpoints),
  articles: () => import('../../contract/groups/articles.js').then((m) => m.articleEndpoints),
  certifications: () => import('../../contract/groups/certifications.js').then((m) => m.certificationEndpoints),
  me: () => import('../../contract/groups/me.js').then((m) => m.meEndpoints),
};

// The type makes TypeScript check both that every endpoint is listed and that it names its own group.
type GroupOf<N> = { [G in EndpointGroup]: N extends keyof Tables[G] ? G : never }[EndpointGroup];
const T = 'threads', Q = 'questions', A = 'articles', C = 'certifications', M = 'me';
const groupOf: { [N in EndpointName]: GroupOf<N> } = {
  listThreads: T, getThread: T, listPosts: T, createThread: T, replyToThread: T, updateThread: T, deleteThread: T, updatePost: T, deletePost: T,
  listQuestions: Q, similarQuestions: Q, getQuestion: Q, listAnswers: Q, askQuestion: Q, answerQuestion: Q, acceptAnswer: Q,
  voteQuestion: Q, voteAnswer: Q, recordDeflection: Q, updateQuestion: Q, deleteQuestion: Q, updateAnswer: Q, deleteAnswer: Q,
  searchArticles: A, getArticle: A, sendArticleFeedback: A,
  listCertifications: C, getCertification: C, verifyCertification: C, verifyAssertion: C,
  me: M, stats: M,
};

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
  const ep = (await load(groupOf[name]))[name];
  if (!ep) throw new TypeError(`Unknown endpoint ${name}`);
  return ep;
}

/** Starts loading groups ahead of their first call, e.g. alongside an element's chunk. */
export function warmGroups(groups: readonly EndpointGroup[]): void {
  for (const g of groups) load(g).catch(() => undefined);
}
