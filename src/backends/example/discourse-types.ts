/**
 * The parts of a Discourse-style forum API this adapter reads. Only the fields it uses are listed;
 * a real Discourse sends many more. Foreign shapes are typed, not trusted: the mapped output is
 * what gets validated, against Confab's contract.
 */

export interface DUser {
  id: number;
  username: string;
  name?: string | null;
  avatar_template?: string | null;
}

export interface DTopic {
  id: number;
  title: string;
  slug?: string;
  posts_count: number;
  like_count?: number;
  created_at: string;
  last_posted_at?: string | null;
  bumped_at?: string | null;
  category_id: number;
  /** Plain names in current Discourse; `{ name }` objects in some versions. */
  tags?: (string | { name: string })[];
  /** Only sent for pinned topics in lists. */
  excerpt?: string | null;
  /** From the Solved plugin. */
  has_accepted_answer?: boolean;
  posters?: { user_id: number; description?: string }[];
}

/** `GET /latest.json`, `/top.json`, `/c/{slug}.json`, `/tag/{tag}.json`. */
export interface DTopicList {
  users?: DUser[];
  topic_list: { topics: DTopic[]; more_topics_url?: string | null };
}

export interface DPost {
  id: number;
  post_number: number;
  user_id: number;
  username: string;
  name?: string | null;
  avatar_template?: string | null;
  created_at: string;
  updated_at?: string;
  /** Edit count + 1: above 1 means the post was edited. */
  version?: number;
  /** Sanitised HTML rendered by Discourse. */
  cooked: string;
  /** The Markdown source, sent with `?include_raw=true`. */
  raw?: string;
  like_count?: number;
  /** From the Solved plugin. */
  accepted_answer?: boolean;
}

/** `GET /t/{id}.json?include_raw=true&page=N`: 20 posts a page, `stream` lists every post id. */
export interface DTopicDetail extends DTopic {
  post_stream: { posts: DPost[]; stream?: number[] };
  details?: { created_by?: DUser };
}

/** `GET /search.json?q=...&page=N`. */
export interface DSearch {
  posts?: { id: number; topic_id: number; blurb?: string; created_at: string; like_count?: number }[];
  topics?: DTopic[];
  grouped_search_result?: { more_full_page_results?: boolean | null };
}

/** `GET /categories.json`. */
export interface DCategories {
  category_list: { categories: { id: number; slug: string; name: string }[] };
}

/** `GET /session/current.json`: 404 when nobody is signed in. */
export interface DSession {
  current_user: DUser;
}
