-- Confab reference backend: initial schema. Must run on PostgreSQL 15 and PGlite (PostgreSQL 18).
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

CREATE TABLE orgs (
  id text PRIMARY KEY,
  name text NOT NULL,
  tier text NOT NULL,
  email text NOT NULL
);

CREATE TABLE people (
  id text PRIMARY KEY,
  name text NOT NULL,
  email text,
  org_id text,
  org_name text,
  tier text,
  roles text[] NOT NULL DEFAULT '{}',
  avatar_url text,
  demo boolean NOT NULL DEFAULT false
);

CREATE TABLE threads (
  id text PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  category text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  author_id text NOT NULL REFERENCES people(id),
  reply_count integer NOT NULL DEFAULT 0,
  score integer NOT NULL DEFAULT 0,
  solved boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_activity_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX threads_latest ON threads (last_activity_at DESC, id DESC);
CREATE INDEX threads_category ON threads (category, last_activity_at DESC);
CREATE INDEX threads_tags ON threads USING gin (tags);

CREATE TABLE posts (
  id text PRIMARY KEY,
  thread_id text NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
  author_id text NOT NULL REFERENCES people(id),
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz
);
CREATE INDEX posts_thread ON posts (thread_id, created_at, id);

CREATE TABLE questions (
  id text PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  category text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  author_id text NOT NULL REFERENCES people(id),
  answer_count integer NOT NULL DEFAULT 0,
  score integer NOT NULL DEFAULT 0,
  accepted_answer_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, body), 'B')
  ) STORED,
  -- Unstemmed words for type-ahead prefixes ("availab" is not a prefix of the stem "avail").
  words tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(to_tsvector('simple'::regconfig, body), 'B')
  ) STORED
);
CREATE INDEX questions_latest ON questions (last_activity_at DESC, id DESC);
CREATE INDEX questions_search ON questions USING gin (search);
CREATE INDEX questions_words ON questions USING gin (words);
CREATE INDEX questions_title_trgm ON questions USING gin (title public.gin_trgm_ops);

CREATE TABLE answers (
  id text PRIMARY KEY,
  question_id text NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  author_id text NOT NULL REFERENCES people(id),
  body text NOT NULL,
  score integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz
);
CREATE INDEX answers_question ON answers (question_id, created_at, id);

CREATE TABLE votes (
  person_id text NOT NULL,
  target_kind text NOT NULL,
  target_id text NOT NULL,
  value smallint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, target_kind, target_id)
);
CREATE INDEX votes_target ON votes (target_kind, target_id);

CREATE TABLE articles (
  id text PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  product text NOT NULL,
  content_type text NOT NULL,
  min_tier text NOT NULL,
  min_tier_rank smallint NOT NULL,
  roles text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, body), 'B')
  ) STORED,
  -- Unstemmed words for type-ahead prefixes ("availab" is not a prefix of the stem "avail").
  words tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, title), 'A') || setweight(to_tsvector('simple'::regconfig, body), 'B')
  ) STORED
);
CREATE INDEX articles_search ON articles USING gin (search);
CREATE INDEX articles_words ON articles USING gin (words);
CREATE INDEX articles_audience ON articles (min_tier_rank);

CREATE TABLE article_feedback (
  id bigserial PRIMARY KEY,
  article_id text NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  person_id text,
  helpful boolean NOT NULL,
  comment text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX article_feedback_article ON article_feedback (article_id);

CREATE TABLE deflections (
  id bigserial PRIMARY KEY,
  question_id text NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  person_id text,
  query text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE badge_classes (
  id text PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL,
  criteria text NOT NULL,
  color text NOT NULL DEFAULT '#1f6feb'
);

CREATE TABLE certifications (
  id text PRIMARY KEY,
  badge_id text NOT NULL REFERENCES badge_classes(id),
  recipient_kind text NOT NULL,
  recipient_id text NOT NULL,
  recipient_name text NOT NULL,
  recipient_email text NOT NULL,
  salt text NOT NULL,
  issued_on timestamptz NOT NULL,
  expires timestamptz,
  revoked boolean NOT NULL DEFAULT false,
  revocation_reason text
);
CREATE INDEX certifications_recipient ON certifications (recipient_kind, recipient_id);

CREATE TABLE idempotency_keys (
  user_id text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  status integer,
  body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
