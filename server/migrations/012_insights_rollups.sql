-- Insights rollups (issue 15, "at scale"): per-UTC-day tables that GET /v1/insights reads instead of
-- scanning 100k questions and a million events. Periods are whole UTC days (handlers/insights/range.ts),
-- so summing day rows gives exactly what the row-level queries gave.
--
-- How they stay true: every write that can move a figure (insert, delete, a status change by a
-- moderator, an accepted answer, a person changing organisation) fires a statement-level trigger. It
-- collects the UTC days the changed rows touch and recomputes those days' rows from the base tables,
-- in the same transaction as the write. A recompute is bounded by one day's rows, and it is the very
-- query the figure means (published content only), so a rollup cannot drift from the data. Concurrent
-- writers to the same day are serialised by a transaction advisory lock per (rollup, day), taken in
-- day order so two writers cannot deadlock.
--
-- Empty strings stand for "none" in the key columns (a primary key cannot hold NULL); reads turn them
-- back into NULL.

CREATE FUNCTION insights_day(ts timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (ts AT TIME ZONE 'UTC')::date $$;
CREATE FUNCTION insights_day_start(d date) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT d::timestamp AT TIME ZONE 'UTC' $$;

-- First-answer durations are kept as a histogram: bucket b holds durations whose minutes m satisfy
-- floor(ln(1 + m) / ln(1.02)) = b, with their count and their sum. A percentile is read from the
-- buckets with each bucket standing at the mean of its durations (handlers/insights/histogram.ts).
-- How exact: all durations in a bucket lie within 2 % of each other, so a percentile is off by less
-- than 2 % of its value, and it is exact when each bucket holds one distinct duration (the fixture of
-- test/server/insights.test.ts, and most small communities). Bucket -1 holds the unanswered questions.
CREATE FUNCTION insights_hours_bucket(h double precision) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN h IS NULL THEN -1 ELSE floor(ln(1 + greatest(h, 0) * 60) / ln(1.02))::smallint END $$;

-- Serialise recomputes of one rollup's days (see the top).
CREATE FUNCTION insights_lock_days(rollup text, days date[]) RETURNS void LANGUAGE sql
  AS $$ SELECT count(pg_advisory_xact_lock(hashtext(rollup), d - date '2000-01-01'))::int
        FROM (SELECT DISTINCT d FROM unnest(days) d WHERE d IS NOT NULL ORDER BY d) x $$;

-- Questions asked per day and cut: asked, resolved (accepted), and the first-answer histogram.
CREATE TABLE insights_question_days (
  day date NOT NULL, tier text NOT NULL, org text NOT NULL, category text NOT NULL, product text NOT NULL,
  bucket smallint NOT NULL,
  asked integer NOT NULL, resolved integer NOT NULL, answered integer NOT NULL, hours_sum double precision NOT NULL,
  PRIMARY KEY (day, tier, org, category, product, bucket)
);
CREATE FUNCTION insights_refresh_questions(days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE d date; lo timestamptz; hi timestamptz;
BEGIN
  PERFORM insights_lock_days('insights_question_days', days);
  DELETE FROM insights_question_days WHERE day = ANY(days);
  -- One day at a time, with its bounds as values: each is an index range scan (a join on unnest() was
  -- planned as a scan of the whole table). In the other rollups, lookups of a question or an answer
  -- are LATERAL … LIMIT 1 or scalar subqueries: a plain join (or EXISTS) was planned as a hash of all 120k answers
  -- for a day's thousand votes.
  FOR d IN SELECT DISTINCT x FROM unnest(days) x WHERE x IS NOT NULL LOOP
    lo := insights_day_start(d); hi := insights_day_start(d + 1);
    INSERT INTO insights_question_days
    SELECT d, COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''), insights_hours_bucket(x.h),
      count(*), count(*) FILTER (WHERE q.accepted_answer_id IS NOT NULL), count(x.h), COALESCE(sum(x.h), 0)
    FROM questions q LEFT JOIN people p ON p.id = q.author_id,
    LATERAL (SELECT EXTRACT(EPOCH FROM (q.first_answer_at - q.created_at))::double precision / 3600.0 AS h) x
    WHERE q.created_at >= lo AND q.created_at < hi AND q.status = 'published'
    GROUP BY 2, 3, 4, 5, 6;
  END LOOP;
END $$;

-- CSAT answers per day answered and the question's cut (no status filter, as before).
CREATE TABLE insights_csat_days (
  day date NOT NULL, tier text NOT NULL, org text NOT NULL, category text NOT NULL, product text NOT NULL,
  n integer NOT NULL, score_sum integer NOT NULL, s1 integer NOT NULL, s2 integer NOT NULL, s3 integer NOT NULL, s4 integer NOT NULL, s5 integer NOT NULL,
  PRIMARY KEY (day, tier, org, category, product)
);
CREATE FUNCTION insights_refresh_csat(days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE d date; lo timestamptz; hi timestamptz;
BEGIN
  PERFORM insights_lock_days('insights_csat_days', days);
  DELETE FROM insights_csat_days WHERE day = ANY(days);
  FOR d IN SELECT DISTINCT x FROM unnest(days) x WHERE x IS NOT NULL LOOP
  lo := insights_day_start(d); hi := insights_day_start(d + 1);
  INSERT INTO insights_csat_days
  SELECT d, COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''),
    count(*), sum(c.score), count(*) FILTER (WHERE c.score = 1), count(*) FILTER (WHERE c.score = 2),
    count(*) FILTER (WHERE c.score = 3), count(*) FILTER (WHERE c.score = 4), count(*) FILTER (WHERE c.score = 5)
  FROM csat c JOIN LATERAL (SELECT q.category, q.product, q.author_id FROM questions q WHERE q.id = c.question_id LIMIT 1) q ON true
  LEFT JOIN people p ON p.id = q.author_id
  WHERE c.answered_at >= lo AND c.answered_at < hi
  GROUP BY 2, 3, 4, 5;
  END LOOP;
END $$;

-- Deflections per day, cut by the partner who deflected (tier, organisation) and the question that
-- answered them (category, product).
CREATE TABLE insights_deflection_days (
  day date NOT NULL, tier text NOT NULL, org text NOT NULL, category text NOT NULL, product text NOT NULL, n integer NOT NULL,
  PRIMARY KEY (day, tier, org, category, product)
);
CREATE FUNCTION insights_refresh_deflections(days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE d date; lo timestamptz; hi timestamptz;
BEGIN
  PERFORM insights_lock_days('insights_deflection_days', days);
  DELETE FROM insights_deflection_days WHERE day = ANY(days);
  FOR d IN SELECT DISTINCT y FROM unnest(days) y WHERE y IS NOT NULL LOOP
    lo := insights_day_start(d); hi := insights_day_start(d + 1);
    INSERT INTO insights_deflection_days
    SELECT d, COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''), count(*)
    FROM deflections x JOIN LATERAL (SELECT q.category, q.product FROM questions q WHERE q.id = x.question_id LIMIT 1) q ON true
    LEFT JOIN people p ON p.id = x.person_id
    WHERE x.created_at >= lo AND x.created_at < hi
    GROUP BY 2, 3, 4, 5;
  END LOOP;
END $$;

-- "Was this helpful" on articles, and votes on published answers, per day.
CREATE TABLE insights_helpful_days (
  day date PRIMARY KEY,
  article_yes integer NOT NULL DEFAULT 0, article_all integer NOT NULL DEFAULT 0,
  answer_up integer NOT NULL DEFAULT 0, answer_all integer NOT NULL DEFAULT 0
);
CREATE FUNCTION insights_refresh_helpful(days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE d date; lo timestamptz; hi timestamptz;
BEGIN
  PERFORM insights_lock_days('insights_helpful_days', days);
  DELETE FROM insights_helpful_days WHERE day = ANY(days);
  FOR d IN SELECT DISTINCT x FROM unnest(days) x WHERE x IS NOT NULL LOOP
    lo := insights_day_start(d); hi := insights_day_start(d + 1);
    INSERT INTO insights_helpful_days
    SELECT d, f.yes, f.total, v.up, v.total
    FROM (SELECT count(*) FILTER (WHERE helpful) AS yes, count(*) AS total FROM article_feedback WHERE created_at >= lo AND created_at < hi) f,
         (SELECT count(*) FILTER (WHERE v.value > 0) AS up, count(*) AS total FROM votes v
          WHERE v.target_kind = 'answer' AND v.created_at >= lo AND v.created_at < hi
            AND (SELECT a.status FROM answers a WHERE a.id = v.target_id) = 'published') v;
  END LOOP;
END $$;

-- Published threads, posts, questions and answers created per day.
CREATE TABLE insights_volume_days (
  day date NOT NULL, kind text NOT NULL, n integer NOT NULL,
  PRIMARY KEY (day, kind)
);
CREATE FUNCTION insights_refresh_volume(kind text, days date[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insights_lock_days('insights_volume_days:' || kind, days);
  DELETE FROM insights_volume_days v WHERE v.kind = insights_refresh_volume.kind AND v.day = ANY(days);
  EXECUTE format(
    'INSERT INTO insights_volume_days SELECT d, %L, (SELECT count(*) FROM %I t
       WHERE t.created_at >= insights_day_start(d) AND t.created_at < insights_day_start(d + 1) AND t.status = ''published'')
     FROM (SELECT DISTINCT d FROM unnest($1::date[]) d WHERE d IS NOT NULL) dd(d)', kind, kind) USING days;
END $$;

-- Per person and day: answers written that day that are now accepted, and up-votes their published
-- answers got that day (both on published questions).
CREATE TABLE insights_contributor_days (
  day date NOT NULL, person_id text NOT NULL, accepted integer NOT NULL, up integer NOT NULL,
  PRIMARY KEY (day, person_id)
);
CREATE FUNCTION insights_refresh_contributors(days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE d date; lo timestamptz; hi timestamptz;
BEGIN
  PERFORM insights_lock_days('insights_contributor_days', days);
  DELETE FROM insights_contributor_days WHERE day = ANY(days);
  FOR d IN SELECT DISTINCT x FROM unnest(days) x WHERE x IS NOT NULL LOOP
    lo := insights_day_start(d); hi := insights_day_start(d + 1);
    INSERT INTO insights_contributor_days
    SELECT d, person, sum(accepted), sum(up) FROM (
      SELECT a.author_id AS person, 1 AS accepted, 0 AS up
      FROM answers a
      WHERE a.created_at >= lo AND a.created_at < hi AND a.status = 'published'
        AND (SELECT q.accepted_answer_id = a.id AND q.status = 'published' FROM questions q WHERE q.id = a.question_id)
      UNION ALL
      SELECT a.author_id, 0, 1
      FROM votes v
      JOIN LATERAL (SELECT a.author_id, a.question_id FROM answers a WHERE a.id = v.target_id AND a.status = 'published' LIMIT 1) a ON true
      WHERE v.created_at >= lo AND v.created_at < hi AND v.target_kind = 'answer' AND v.value > 0
        AND (SELECT q.status FROM questions q WHERE q.id = a.question_id) = 'published'
    ) x GROUP BY person;
  END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------------
-- Triggers. Statement-level with transition tables: a bulk load recomputes each touched day once.
-- One function per table, branching on TG_OP (a trigger with transition tables has one event).

-- The days of the votes on some answers (a status change of an answer, or of its question, moves them).
CREATE FUNCTION insights_vote_days(answer_ids text[]) RETURNS date[] LANGUAGE sql STABLE
  AS $$ SELECT COALESCE(array_agg(DISTINCT insights_day(v.created_at)), '{}') FROM votes v
        WHERE v.target_kind = 'answer' AND v.target_id = ANY(answer_ids) $$;

CREATE FUNCTION insights_on_questions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  q_days date[]; cut_moved text[]; ranked_ids text[]; accepted_ids text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT insights_day(created_at)) INTO q_days FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    -- Answers, CSAT and deflections go with it (ON DELETE CASCADE); their own triggers recount them.
    SELECT array_agg(DISTINCT insights_day(created_at)) INTO q_days FROM old_rows;
  ELSE
    -- Only rows whose counted columns changed (a reply bumps last_activity_at every time).
    WITH changed AS (
      SELECT o.created_at AS old_at, n.created_at AS new_at, n.id,
        o.author_id IS DISTINCT FROM n.author_id OR o.category IS DISTINCT FROM n.category OR o.product IS DISTINCT FROM n.product AS cut,
        o.status IS DISTINCT FROM n.status OR o.accepted_answer_id IS DISTINCT FROM n.accepted_answer_id AS ranked,
        o.accepted_answer_id AS old_acc, n.accepted_answer_id AS new_acc
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.status IS DISTINCT FROM n.status OR o.author_id IS DISTINCT FROM n.author_id OR o.category IS DISTINCT FROM n.category
         OR o.product IS DISTINCT FROM n.product OR o.accepted_answer_id IS DISTINCT FROM n.accepted_answer_id
         OR o.first_answer_at IS DISTINCT FROM n.first_answer_at OR o.created_at IS DISTINCT FROM n.created_at)
    SELECT (SELECT array_agg(DISTINCT insights_day(t)) FROM changed, LATERAL (VALUES (old_at), (new_at)) v(t)),
           (SELECT array_agg(id) FROM changed WHERE cut),
           (SELECT array_agg(id) FROM changed WHERE ranked),
           (SELECT array_agg(a) FROM changed, LATERAL (VALUES (old_acc), (new_acc)) v(a) WHERE ranked AND a IS NOT NULL)
      INTO q_days, cut_moved, ranked_ids, accepted_ids;
  END IF;
  IF q_days IS NULL THEN RETURN NULL; END IF;
  PERFORM insights_refresh_questions(q_days);
  PERFORM insights_refresh_volume('questions', q_days);
  IF cut_moved IS NOT NULL THEN
    -- A new author, category or product moves the question's CSAT answers and deflections between cuts.
    PERFORM insights_refresh_csat((SELECT array_agg(DISTINCT insights_day(answered_at)) FROM csat WHERE question_id = ANY(cut_moved)));
    PERFORM insights_refresh_deflections((SELECT array_agg(DISTINCT insights_day(created_at)) FROM deflections WHERE question_id = ANY(cut_moved)));
  END IF;
  IF ranked_ids IS NOT NULL THEN
    -- Accepting, un-accepting or hiding moves accepted answers and the helpful votes of its answers.
    PERFORM insights_refresh_contributors(
      ARRAY(SELECT DISTINCT insights_day(created_at) FROM answers WHERE id = ANY(accepted_ids))
      || insights_vote_days(ARRAY(SELECT id FROM answers WHERE question_id = ANY(ranked_ids))));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER insights_questions_insert AFTER INSERT ON questions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insights_on_questions();
CREATE TRIGGER insights_questions_update AFTER UPDATE ON questions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insights_on_questions();
CREATE TRIGGER insights_questions_delete AFTER DELETE ON questions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insights_on_questions();

CREATE FUNCTION insights_on_answers() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  days date[]; status_changed text[];
BEGIN
  -- The answer's own day (volume, accepted answers); for a status change also the days of its votes.
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT insights_day(created_at)) INTO days FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT insights_day(created_at)), array_agg(id) INTO days, status_changed FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT insights_day(d)), array_agg(DISTINCT n.id) INTO days, status_changed
      FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o.created_at), (n.created_at)) x(d)
      WHERE o.status IS DISTINCT FROM n.status OR o.created_at IS DISTINCT FROM n.created_at OR o.author_id IS DISTINCT FROM n.author_id;
  END IF;
  IF days IS NULL THEN RETURN NULL; END IF;
  PERFORM insights_refresh_volume('answers', days);
  IF status_changed IS NOT NULL THEN
    PERFORM insights_refresh_helpful(insights_vote_days(status_changed));
    PERFORM insights_refresh_contributors(days || insights_vote_days(status_changed));
  ELSE
    PERFORM insights_refresh_contributors(days);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER insights_answers_insert AFTER INSERT ON answers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insights_on_answers();
CREATE TRIGGER insights_answers_update AFTER UPDATE ON answers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insights_on_answers();
CREATE TRIGGER insights_answers_delete AFTER DELETE ON answers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insights_on_answers();

-- Votes, CSAT, deflections, article feedback, threads and posts: the days of the rows, old and new.
CREATE FUNCTION insights_changed_days(ts_old timestamptz[], ts_new timestamptz[]) RETURNS date[] LANGUAGE sql IMMUTABLE
  AS $$ SELECT array_agg(DISTINCT insights_day(t)) FROM unnest(COALESCE(ts_old, '{}') || COALESCE(ts_new, '{}')) t $$;

CREATE FUNCTION insights_on_events() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  col text := TG_ARGV[0];   -- the column that dates the row
  cols text := TG_ARGV[1];  -- every column the table's rollups read (col among them)
  only_answers text := CASE WHEN TG_TABLE_NAME = 'votes' THEN 'WHERE target_kind = ''answer''' ELSE '' END;
  ts_old timestamptz[]; ts_new timestamptz[]; days date[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- Only rows whose read columns changed: a reply bumps threads.last_activity_at, a vote bumps a
    -- post's score, and neither may recount the day. (PostgreSQL allows no `UPDATE OF columns` on a
    -- trigger with transition tables, so the filter is here, as in insights_on_questions.) A row
    -- whose read columns are unchanged is in both transition tables and cancels out of both EXCEPTs.
    EXECUTE format('SELECT array_agg(%I) FROM (SELECT %s FROM old_rows EXCEPT ALL SELECT %s FROM new_rows) x %s', col, cols, cols, only_answers) INTO ts_old;
    EXECUTE format('SELECT array_agg(%I) FROM (SELECT %s FROM new_rows EXCEPT ALL SELECT %s FROM old_rows) x %s', col, cols, cols, only_answers) INTO ts_new;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT array_agg(%I) FROM old_rows %s', col, only_answers) INTO ts_old;
  ELSE
    EXECUTE format('SELECT array_agg(%I) FROM new_rows %s', col, only_answers) INTO ts_new;
  END IF;
  days := insights_changed_days(ts_old, ts_new);
  IF days IS NULL THEN RETURN NULL; END IF;
  CASE TG_TABLE_NAME
    WHEN 'votes' THEN PERFORM insights_refresh_helpful(days); PERFORM insights_refresh_contributors(days);
    WHEN 'article_feedback' THEN PERFORM insights_refresh_helpful(days);
    WHEN 'csat' THEN PERFORM insights_refresh_csat(days);
    WHEN 'deflections' THEN PERFORM insights_refresh_deflections(days);
    ELSE PERFORM insights_refresh_volume(TG_TABLE_NAME, days);
  END CASE;
  RETURN NULL;
END $$;

-- TRUNCATE fires no row or transition-table trigger: without these the rollups would keep counting
-- what is gone. A rollup read from the truncated table alone is emptied; one that also reads other
-- tables is recomputed over the days it holds (a truncate can only take figures away from them).
CREATE FUNCTION insights_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME IN ('threads', 'posts', 'questions', 'answers') THEN
    DELETE FROM insights_volume_days WHERE kind = TG_TABLE_NAME;
  END IF;
  CASE TG_TABLE_NAME
    WHEN 'questions' THEN
      DELETE FROM insights_question_days;
      PERFORM insights_refresh_csat(ARRAY(SELECT DISTINCT day FROM insights_csat_days));
      PERFORM insights_refresh_deflections(ARRAY(SELECT DISTINCT day FROM insights_deflection_days));
      PERFORM insights_refresh_contributors(ARRAY(SELECT DISTINCT day FROM insights_contributor_days));
    WHEN 'csat' THEN DELETE FROM insights_csat_days;
    WHEN 'deflections' THEN DELETE FROM insights_deflection_days;
    WHEN 'article_feedback' THEN PERFORM insights_refresh_helpful(ARRAY(SELECT day FROM insights_helpful_days));
    WHEN 'answers', 'votes' THEN
      PERFORM insights_refresh_helpful(ARRAY(SELECT day FROM insights_helpful_days));
      PERFORM insights_refresh_contributors(ARRAY(SELECT DISTINCT day FROM insights_contributor_days));
    WHEN 'people' THEN
      PERFORM insights_refresh_questions(ARRAY(SELECT DISTINCT day FROM insights_question_days));
      PERFORM insights_refresh_csat(ARRAY(SELECT DISTINCT day FROM insights_csat_days));
      PERFORM insights_refresh_deflections(ARRAY(SELECT DISTINCT day FROM insights_deflection_days));
    ELSE NULL;
  END CASE;
  RETURN NULL;
END $$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('votes', 'created_at', 'created_at, target_kind, target_id, value'),
                                 ('article_feedback', 'created_at', 'created_at, helpful'),
                                 ('csat', 'answered_at', 'answered_at, question_id, score'),
                                 ('deflections', 'created_at', 'created_at, question_id, person_id'),
                                 ('threads', 'created_at', 'created_at, status'),
                                 ('posts', 'created_at', 'created_at, status')) x(tbl, col, cols) LOOP
    EXECUTE format('CREATE TRIGGER insights_%1$s_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION insights_on_events(%2$L, %3$L)', t.tbl, t.col, t.cols);
    EXECUTE format('CREATE TRIGGER insights_%1$s_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION insights_on_events(%2$L, %3$L)', t.tbl, t.col, t.cols);
    EXECUTE format('CREATE TRIGGER insights_%1$s_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION insights_on_events(%2$L, %3$L)', t.tbl, t.col, t.cols);
  END LOOP;
  FOR t IN SELECT unnest(ARRAY['votes', 'article_feedback', 'csat', 'deflections', 'threads', 'posts', 'questions', 'answers', 'people']) AS tbl LOOP
    EXECUTE format('CREATE TRIGGER insights_%1$s_truncate AFTER TRUNCATE ON %1$I FOR EACH STATEMENT EXECUTE FUNCTION insights_on_truncate()', t.tbl);
  END LOOP;
END $$;

-- A person changing tier or organisation moves their questions, CSAT answers and deflections.
CREATE FUNCTION insights_on_people() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved text[];
BEGIN
  SELECT array_agg(n.id) INTO moved FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o.tier IS DISTINCT FROM n.tier OR o.org_id IS DISTINCT FROM n.org_id;
  IF moved IS NULL THEN RETURN NULL; END IF;
  PERFORM insights_refresh_questions((SELECT array_agg(DISTINCT insights_day(created_at)) FROM questions WHERE author_id = ANY(moved)));
  PERFORM insights_refresh_csat((SELECT array_agg(DISTINCT insights_day(c.answered_at)) FROM csat c JOIN questions q ON q.id = c.question_id WHERE q.author_id = ANY(moved)));
  PERFORM insights_refresh_deflections((SELECT array_agg(DISTINCT insights_day(created_at)) FROM deflections WHERE person_id = ANY(moved)));
  RETURN NULL;
END $$;
CREATE TRIGGER insights_people_update AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insights_on_people();

-- Backfill: every day that has data.
SELECT insights_refresh_questions((SELECT array_agg(DISTINCT insights_day(created_at)) FROM questions));
SELECT insights_refresh_csat((SELECT array_agg(DISTINCT insights_day(answered_at)) FROM csat));
SELECT insights_refresh_deflections((SELECT array_agg(DISTINCT insights_day(created_at)) FROM deflections));
SELECT insights_refresh_helpful((SELECT array_agg(DISTINCT d) FROM (SELECT insights_day(created_at) FROM article_feedback UNION SELECT insights_day(created_at) FROM votes) x(d)));
SELECT insights_refresh_volume(k, (SELECT array_agg(DISTINCT d) FROM (SELECT insights_day(created_at) FROM threads UNION ALL SELECT insights_day(created_at) FROM posts
  UNION ALL SELECT insights_day(created_at) FROM questions UNION ALL SELECT insights_day(created_at) FROM answers) x(d)))
  FROM unnest(ARRAY['threads', 'posts', 'questions', 'answers']) k;
SELECT insights_refresh_contributors((SELECT array_agg(DISTINCT d) FROM (SELECT insights_day(created_at) FROM answers UNION SELECT insights_day(created_at) FROM votes) x(d)));
