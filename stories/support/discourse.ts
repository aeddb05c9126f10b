/**
 * A read-only Discourse for stories: msw answers DiscourseBackend's real requests with the recorded
 * payloads of test/fixtures/discourse/ (see the README there), under /mock-discourse/. Writes answer
 * as Discourse would but change nothing; MessageBus is not mocked (no live updates in the story).
 */
import { http, HttpResponse } from 'msw';
import { DiscourseBackend } from '../../src/backends/discourse/index.js';
import categories from '../../test/fixtures/discourse/derived/categories-with-subcategories.json';
import questionsList from '../../test/fixtures/discourse/derived/questions-list.json';
import topicSolved from '../../test/fixtures/discourse/derived/topic-solved.json';
import topicRaw from '../../test/fixtures/discourse/derived/topic-raw.json';
import session from '../../test/fixtures/discourse/derived/session-current.json';
import latest from '../../test/fixtures/discourse/latest.json';
import search from '../../test/fixtures/discourse/docs_search_query_response.json';
import { useHandlers } from './network.js';

const base = () => `${location.origin}/mock-discourse`;

// The recorded posts and avatars point at images on the internet (gravatar, photobucket, q101.com):
// a story must not depend on them, so they answer with a 1×1 transparent PNG.
const PIXEL = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0));
const RECORDED_IMAGES = /^https?:\/\/(?:www\.gravatar\.com|i288\.photobucket\.com|q101\.com)\//;

/** A DiscourseBackend on the mocked forum; admins are moderators, trust level 0 reads as silver. */
export const discourseBackend = () =>
  new DiscourseBackend({
    baseUrl: base(),
    questionsCategory: 'questions',
    docsCategory: 'docs',
    userApiKey: () => 'story-user-api-key',
    groups: { tiers: { trust_level_0: 'silver' }, roles: { staff: ['vendor-staff'] } },
  });

export function useDiscourse(): Promise<void> {
  const p = base();
  const json = (body: unknown) => () => HttpResponse.json(body as Record<string, unknown>);
  return useHandlers(
    http.get(RECORDED_IMAGES, () => new HttpResponse(PIXEL, { headers: { 'content-type': 'image/png' } })),
    http.get(`${p}/categories.json`, json(categories)),
    http.get(`${p}/latest.json`, json(latest)),
    http.get(`${p}/c/test2/questions/13.json`, json(questionsList)),
    http.get(`${p}/t/57.json`, json(topicSolved)),
    http.get(`${p}/t/13.json`, json(topicRaw)),
    http.get(`${p}/search.json`, json(search)),
    http.get(`${p}/session/current.json`, json(session)),
  );
}
