import { isReply } from './map-topics.js';
import type { DPost, DTopic, DTopicDetail } from './types.js';

/** Post.types: a whisper, which Discourse leaves out of `posts_count`. */
const WHISPER = 4;

/**
 * Reply counts of listed topics. A topic list sends `posts_count` only, which counts every post
 * that is not deleted and not a whisper (Topic.reset_highest): small-action posts ("closed",
 * "pinned"), moderator posts and posts hidden by flags included. (`reply_count` is something else:
 * the posts made as a reply to another post; `highest_post_number` counts deleted posts too.) A
 * bump adds no post, so it never changes these counts.
 *
 * So `posts_count - 1` is what a list can say, and it is too high by the topic's non-reply posts.
 * Those are learnt whenever a topic is read here: from then on its list count is exact (until a
 * new small action). The number of topics remembered is capped.
 */
export class ReplyCounts {
  private readonly nonReplies = new Map<number, number>();

  constructor(private readonly limit = 1000) {}

  /** A topic view read: counts the non-reply posts it shows; answers the topic's reply count. */
  learn(d: DTopicDetail): number {
    const counted = (p: DPost) => !p.deleted_at && (p.post_type ?? 1) !== WHISPER;
    const seen = d.post_stream.posts.filter((p) => p.post_number !== 1 && counted(p) && !isReply(p)).length;
    // A later page shows other posts than the first: keep the most seen on any page.
    const n = Math.max(seen, this.nonReplies.get(d.id) ?? 0);
    this.nonReplies.delete(d.id);
    this.nonReplies.set(d.id, n);
    if (this.nonReplies.size > this.limit) this.nonReplies.delete(this.nonReplies.keys().next().value!);
    return this.of(d);
  }

  /** Replies of a topic: its `posts_count` without the opening post and without the non-replies known. */
  of(t: Pick<DTopic, 'id' | 'posts_count'>): number {
    return Math.max(0, t.posts_count - 1 - (this.nonReplies.get(t.id) ?? 0));
  }
}
