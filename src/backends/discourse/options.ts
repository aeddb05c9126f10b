import type { DiscourseAuth } from './http.js';
import type { GroupMapping } from './map-user.js';

export interface DiscourseBackendOptions extends DiscourseAuth {
  /** The forum, e.g. `https://forum.example.com`. Its CORS settings must allow the portal's origin. */
  baseUrl: string;
  /** Slug of the Q&A category (Solved plugin enabled there): questions are asked into it. Default `questions`. */
  questionsCategory?: string;
  /** Slug of the category that holds knowledge-base articles. Default `docs`. */
  docsCategory?: string;
  /** Which Discourse groups mean which tier, roles and partner org. See map-user.ts. */
  groups?: GroupMapping;
  /**
   * Slugs of the categories whose topics and replies the live stream reports (a subcategory of one
   * listed counts too). Bumps elsewhere on the forum are then skipped without a request. Default: all.
   */
  liveCategories?: string[];
  /** Pause after a failed MessageBus poll, or a failed read for one of its messages, in ms (doubled up to 30 s). Default 1000. */
  liveRetryMs?: number;
  /** Pause between MessageBus polls where the forum has long polling off, in ms. Default 15000, as Discourse's own client. */
  livePollMs?: number;
}
