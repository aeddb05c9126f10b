-- Search that stays fast at 100k articles and 100k questions (issue 18).
--
-- Narrow search tables: one row per article / question with only what matching, ranking, tier
-- filtering and facet counting read. The whole-document vectors are stored out of line
-- (STORAGE EXTERNAL and a 128-byte toast target), so a heap pass over the matches reads small rows and
-- never detoasts a body or its vector unless a query ranks that very row; the title vectors stay inline
-- (STORAGE MAIN), because every candidate is ranked by them.
-- Kept up to date on write by triggers on the source tables (AFTER triggers see the generated vectors).

CREATE TABLE article_search (
  id text PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  title text NOT NULL,
  product text NOT NULL,
  content_type text NOT NULL,
  -- Tier visibility, exact: the same two columns the article's audience check reads.
  min_tier_rank smallint NOT NULL,
  roles text[] NOT NULL,
  updated_at timestamptz NOT NULL,
  title_search tsvector NOT NULL,
  title_words tsvector NOT NULL,
  search tsvector NOT NULL
) WITH (toast_tuple_target = 128);
ALTER TABLE article_search ALTER COLUMN search SET STORAGE EXTERNAL;
ALTER TABLE article_search ALTER COLUMN title_search SET STORAGE MAIN;
ALTER TABLE article_search ALTER COLUMN title_words SET STORAGE MAIN;
CREATE INDEX article_search_search ON article_search USING gin (search);
CREATE INDEX article_search_title ON article_search USING gin (title_search);
CREATE INDEX article_search_title_words ON article_search USING gin (title_words);
-- Body candidates are taken newest first (the static order of phase one), within what the caller may read.
CREATE INDEX article_search_recent ON article_search (updated_at DESC, id);
CREATE INDEX article_search_tier ON article_search (min_tier_rank, updated_at DESC);
-- Capped facet counts AND these with the match bitmap, so one facet value visits only its own rows.
CREATE INDEX article_search_product ON article_search (product);
CREATE INDEX article_search_type ON article_search (content_type);

CREATE FUNCTION article_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO article_search (id, title, product, content_type, min_tier_rank, roles, updated_at, title_search, title_words, search)
  VALUES (NEW.id, NEW.title, NEW.product, NEW.content_type, NEW.min_tier_rank, NEW.roles, NEW.updated_at, NEW.title_search, NEW.title_words, NEW.search)
  ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, product = EXCLUDED.product, content_type = EXCLUDED.content_type,
    min_tier_rank = EXCLUDED.min_tier_rank, roles = EXCLUDED.roles, updated_at = EXCLUDED.updated_at,
    title_search = EXCLUDED.title_search, title_words = EXCLUDED.title_words, search = EXCLUDED.search;
  RETURN NULL;
END $$;
CREATE TRIGGER article_search_sync AFTER INSERT OR UPDATE ON articles FOR EACH ROW EXECUTE FUNCTION article_search_sync();

INSERT INTO article_search (id, title, product, content_type, min_tier_rank, roles, updated_at, title_search, title_words, search)
SELECT id, title, product, content_type, min_tier_rank, roles, updated_at, title_search, title_words, search FROM articles;

-- Questions, for the similar-question lookup while a partner types (deflection). Only published
-- questions are offered, so only they are kept; answer counts and the accepted answer's excerpt are
-- read from `questions` for the few ranked candidates only.
CREATE TABLE question_search (
  id text PRIMARY KEY REFERENCES questions(id) ON DELETE CASCADE,
  title_lower text NOT NULL,
  -- 2 accepted, 1 answered, 0 open: phase one prefers questions that already answer the partner.
  answered smallint NOT NULL,
  title_search tsvector NOT NULL,
  search tsvector NOT NULL,
  words tsvector NOT NULL
) WITH (toast_tuple_target = 128);
ALTER TABLE question_search ALTER COLUMN search SET STORAGE EXTERNAL;
ALTER TABLE question_search ALTER COLUMN words SET STORAGE EXTERNAL;
ALTER TABLE question_search ALTER COLUMN title_search SET STORAGE MAIN;
CREATE INDEX question_search_search ON question_search USING gin (search);
CREATE INDEX question_search_title ON question_search USING gin (title_search);
CREATE INDEX question_search_answered ON question_search (answered DESC, id);
CREATE INDEX question_search_words ON question_search USING gin (words);
-- GiST, not GIN: it returns titles nearest to the draft in order (`<->`), so phase one reads a few
-- hundred candidates instead of every title sharing a trigram with the draft.
CREATE INDEX question_search_title_trgm ON question_search USING gist (title_lower public.gist_trgm_ops);

CREATE FUNCTION question_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'published' THEN
    DELETE FROM question_search WHERE id = NEW.id;
  ELSE
    INSERT INTO question_search (id, title_lower, answered, title_search, search, words)
    VALUES (NEW.id, lower(NEW.title), CASE WHEN NEW.accepted_answer_id IS NOT NULL THEN 2 WHEN NEW.answer_count > 0 THEN 1 ELSE 0 END,
      to_tsvector('english'::regconfig, NEW.title), NEW.search, NEW.words)
    ON CONFLICT (id) DO UPDATE SET title_lower = EXCLUDED.title_lower, answered = EXCLUDED.answered, title_search = EXCLUDED.title_search,
      search = EXCLUDED.search, words = EXCLUDED.words;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER question_search_insert AFTER INSERT ON questions FOR EACH ROW EXECUTE FUNCTION question_search_sync();
CREATE TRIGGER question_search_update AFTER UPDATE OF title, body, status, answer_count, accepted_answer_id ON questions FOR EACH ROW EXECUTE FUNCTION question_search_sync();

INSERT INTO question_search (id, title_lower, answered, title_search, search, words)
SELECT id, lower(title), CASE WHEN accepted_answer_id IS NOT NULL THEN 2 WHEN answer_count > 0 THEN 1 ELSE 0 END,
  to_tsvector('english'::regconfig, title), search, words FROM questions WHERE status = 'published';
