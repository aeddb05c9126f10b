-- Moderation (issue 14): content states, locked and pinned threads, flags, watched words, the audit
-- log, edit revisions, suspensions and the shared write limits. Runs on PostgreSQL 15 and PGlite.

-- Every piece of content is published, held (awaiting review) or hidden; only published content is
-- listed, counted, searched or announced. `held_reason` says why it waits (watched-word, new-partner,
-- flags, moderator) so the queue can show it.
ALTER TABLE threads ADD COLUMN status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'held', 'hidden'));
ALTER TABLE threads ADD COLUMN held_reason text;
ALTER TABLE threads ADD COLUMN locked boolean NOT NULL DEFAULT false;
ALTER TABLE threads ADD COLUMN pinned boolean NOT NULL DEFAULT false;
ALTER TABLE posts ADD COLUMN status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'held', 'hidden'));
ALTER TABLE posts ADD COLUMN held_reason text;
ALTER TABLE questions ADD COLUMN status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'held', 'hidden'));
ALTER TABLE questions ADD COLUMN held_reason text;
ALTER TABLE answers ADD COLUMN status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'held', 'hidden'));
ALTER TABLE answers ADD COLUMN held_reason text;

-- Pinned threads first: the thread lists order by (pinned, …) and seek on it.
CREATE INDEX threads_pinned_latest ON threads (pinned DESC, last_activity_at DESC, id DESC);
CREATE INDEX threads_pinned_top ON threads (pinned DESC, score DESC, last_activity_at DESC, id DESC);
-- The queue reads what is not published; the trust check counts a person's published content.
CREATE INDEX threads_unpublished ON threads (status) WHERE status <> 'published';
CREATE INDEX posts_unpublished ON posts (status) WHERE status <> 'published';
CREATE INDEX questions_unpublished ON questions (status) WHERE status <> 'published';
CREATE INDEX answers_unpublished ON answers (status) WHERE status <> 'published';
CREATE INDEX threads_author ON threads (author_id);
CREATE INDEX posts_author ON posts (author_id);
CREATE INDEX questions_author ON questions (author_id);
CREATE INDEX answers_author ON answers (author_id);

-- A suspended person gets 403 on every write until then ('infinity' until unsuspended).
ALTER TABLE people ADD COLUMN suspended_until timestamptz;

-- Reports: one per person and item. `resolved_at` is set when a moderator decides (approve, hide,
-- delete); only open flags count towards the automatic hide and show in the queue.
CREATE TABLE flags (
  id text PRIMARY KEY,
  target_kind text NOT NULL CHECK (target_kind IN ('thread', 'post', 'question', 'answer')),
  target_id text NOT NULL,
  flagger_id text NOT NULL REFERENCES people(id),
  reason text NOT NULL CHECK (reason IN ('spam', 'off-topic', 'inappropriate', 'other')),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  UNIQUE (target_kind, target_id, flagger_id)
);
CREATE INDEX flags_open ON flags (target_kind, target_id) WHERE resolved_at IS NULL;

-- The watched words, in the order the staff gave them.
CREATE TABLE watched_words (
  position integer PRIMARY KEY,
  pattern text NOT NULL,
  action text NOT NULL CHECK (action IN ('block', 'hold'))
);

-- The audit trail: every moderation action, by whom (NULL: the system), with the state before and after.
CREATE TABLE moderation_log (
  id text PRIMARY KEY,
  actor_id text REFERENCES people(id),
  action text NOT NULL,
  target_kind text,
  target_id text,
  reason text,
  before jsonb NOT NULL DEFAULT '{}',
  after jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_log_at ON moderation_log (at DESC, id DESC);
CREATE INDEX moderation_log_target ON moderation_log (target_kind, target_id);

-- Edit revisions: the version before each edit.
CREATE TABLE revisions (
  id text PRIMARY KEY,
  target_kind text NOT NULL,
  target_id text NOT NULL,
  editor_id text NOT NULL REFERENCES people(id),
  title text,
  body text NOT NULL,
  edited_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX revisions_target ON revisions (target_kind, target_id, edited_at DESC);

-- Write limits shared by every server process on this database: one counter per key (a rule and a
-- user or address), its window starting at the first hit, as the in-memory limiter did before.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  hits integer NOT NULL
);
CREATE INDEX rate_limits_end ON rate_limits (window_end);
