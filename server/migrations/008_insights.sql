-- Community insights (issue 15): what GET /v1/insights reads, kept cheap at 100k questions and 1M events.

-- Time to first answer without a scan of answers: each question keeps when its first answer came,
-- maintained by triggers (so the seed, the handlers and any bulk load agree), backfilled here. Only a
-- published answer counts: a held spam answer must not take a question off the unanswered queue, and
-- a status change (approve, hide) recomputes it.
ALTER TABLE questions ADD COLUMN first_answer_at timestamptz;
-- The product a question is about (the seed sets it; a question asked with a product's tag gets it).
ALTER TABLE questions ADD COLUMN product text;
UPDATE questions q SET first_answer_at = (SELECT min(a.created_at) FROM answers a WHERE a.question_id = q.id AND a.status = 'published');

CREATE FUNCTION questions_first_answer_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'published' THEN
    UPDATE questions SET first_answer_at = NEW.created_at
     WHERE id = NEW.question_id AND (first_answer_at IS NULL OR first_answer_at > NEW.created_at);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER answers_first_answer_insert AFTER INSERT ON answers
  FOR EACH ROW EXECUTE FUNCTION questions_first_answer_on_insert();

CREATE FUNCTION questions_first_answer_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE questions SET first_answer_at = (SELECT min(a.created_at) FROM answers a WHERE a.question_id = OLD.question_id AND a.status = 'published')
   WHERE id = OLD.question_id;
  RETURN NULL;
END $$;
CREATE TRIGGER answers_first_answer_delete AFTER DELETE ON answers
  FOR EACH ROW EXECUTE FUNCTION questions_first_answer_on_delete();
-- Held → published, published → hidden: the same recount as a delete (OLD.question_id is NEW's).
CREATE TRIGGER answers_first_answer_status AFTER UPDATE OF status ON answers
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION questions_first_answer_on_delete();

-- Period scans: every metric selects rows by when they happened.
CREATE INDEX questions_created ON questions (created_at);
CREATE INDEX questions_unanswered ON questions (created_at) WHERE first_answer_at IS NULL;
CREATE INDEX answers_created ON answers (created_at);
CREATE INDEX threads_created ON threads (created_at);
CREATE INDEX posts_created ON posts (created_at);
CREATE INDEX votes_answer_created ON votes (created_at) WHERE target_kind = 'answer';
CREATE INDEX article_feedback_created ON article_feedback (created_at);
CREATE INDEX deflections_created ON deflections (created_at);

-- "Did this solve your problem?": one answer per asker and question; answering again replaces it.
CREATE TABLE csat (
  question_id text NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
  person_id text NOT NULL,
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment text,
  answered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (question_id, person_id)
);
CREATE INDEX csat_answered ON csat (answered_at);

-- Knowledge-base searches, recorded by the server (first pages only). No personal data unless the
-- server runs with CONFAB_SEARCH_PERSONAL_DATA=1 (then person_id is kept); tier and organisation are
-- the partner company's, not a person's. Deleted after CONFAB_SEARCH_RETENTION_DAYS.
CREATE TABLE search_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  query text NOT NULL,
  result_count integer NOT NULL,
  tier text,
  org_id text,
  person_id text,
  clicks integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_events_created ON search_events (created_at);

-- The same searches rolled up per day and query, kept in step as searches and first clicks arrive:
-- the insights read a few thousand rows here instead of a million events.
CREATE TABLE search_daily (
  day date NOT NULL,
  query text NOT NULL,
  searches integer NOT NULL DEFAULT 0,
  clicked integer NOT NULL DEFAULT 0,
  zero integer NOT NULL DEFAULT 0,
  last_at timestamptz NOT NULL,
  PRIMARY KEY (day, query)
);
