-- Insights rollups, part two (issue 15, "at scale"): the question rollups are kept by n ± 1 upserts
-- instead of recounting the whole day (so are inserts and deletes of the other rollups' tables, below),
-- and weekly rollups let a period be read as whole weeks plus at most six edge days at each end
-- (handlers/insights/range.ts, chunksOf).
--
-- Why weekly: at 100k questions the per-day histogram has about one row per question (550 questions
-- a day land in 500 distinct (cut, bucket) cells), so a 90-day report read ~90k rows. A week of the
-- same questions folds into far fewer rows than seven days do, because its cells fill up.
--
-- How the n ± 1 stays exact: each statement on questions turns its transition tables into signed
-- contributions (a published row in OLD TABLE counts -1, one in NEW TABLE +1; held and hidden rows
-- count nothing), so a status change, an accepted answer, a first answer or an edit of the cut moves
-- the counts both ways. The upserts are commutative, so concurrent adds need no lock between them (the
-- row lock of ON CONFLICT orders them); they take the shared form of 012's per-(rollup, day) advisory
-- lock (insights_share_days), so they wait for a recount of their days, whose plain INSERT would
-- otherwise collide with an add's uncommitted first row of a day. Before reading the rows a
-- contribution is taken from (a vote's answer and question, a question's author, a CSAT answer's
-- question and its author, a deflection's question and person) an add locks them FOR SHARE: a
-- concurrent uncommitted hide or tier change then is waited for and seen, instead of the add counting
-- the old value that the other transaction's own recount or move never sees. A question rollup row that falls to zero is deleted, so those tables
-- equal a recount row for row; the other rollups may keep rows of zero, which add nothing.

-- The shared side of insights_lock_days (012): adds of one rollup's days run together, but not
-- alongside a recount of those days. Same keys, same day order.
CREATE FUNCTION insights_share_days(rollup text, days date[]) RETURNS void LANGUAGE sql
  AS $$ SELECT count(pg_advisory_xact_lock_shared(hashtext(rollup), d - date '2000-01-01'))::int
        FROM (SELECT DISTINCT d FROM unnest(days) d WHERE d IS NOT NULL ORDER BY d) x $$;

-- Locks rows FOR SHARE by id, in id order, before an add reads them (see the top).
CREATE FUNCTION insights_share_people(ids text[]) RETURNS void LANGUAGE sql
  AS $$ SELECT count(*)::int FROM (SELECT 1 FROM people WHERE id = ANY(ids) ORDER BY id FOR SHARE) x $$;
CREATE FUNCTION insights_share_questions(ids text[]) RETURNS void LANGUAGE sql
  AS $$ SELECT count(*)::int FROM (SELECT 1 FROM questions WHERE id = ANY(ids) ORDER BY id FOR SHARE) x $$;
CREATE FUNCTION insights_share_answers(ids text[]) RETURNS void LANGUAGE sql
  AS $$ SELECT count(*)::int FROM (SELECT 1 FROM answers WHERE id = ANY(ids) ORDER BY id FOR SHARE) x $$;

-- The Monday (UTC) of a day's week, as date_trunc('week') and handlers/insights/range.ts weekOf have it.
CREATE FUNCTION insights_week(d date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_trunc('week', d::timestamp)::date $$;

-- The cut histograms use buckets five times as wide as the 2 % ones (1.02^5 = 1.104): a cut's median
-- is within 10.4 % of the exact one (on the scale of 1 + minutes), and exact when each coarse bucket
-- holds one distinct duration (the fixture of test/server/insights.test.ts). Overall percentiles and
-- the weekly trend keep the 2 % buckets. Bucket -1 (unanswered) stays -1.
CREATE FUNCTION insights_coarse_bucket(b smallint) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN b < 0 THEN b ELSE b / 5 END::smallint $$;

-- Published questions per week and 2 % bucket: the overall percentiles and the weekly trend.
CREATE TABLE insights_question_weeks (
  week date NOT NULL, bucket smallint NOT NULL,
  asked integer NOT NULL, resolved integer NOT NULL, answered integer NOT NULL, hours_sum double precision NOT NULL,
  PRIMARY KEY (week, bucket)
);
-- Published questions per week, cut (one dimension at a time: tier, org, category, product) and coarse bucket.
CREATE TABLE insights_question_cut_weeks (
  week date NOT NULL, dim text NOT NULL, key text NOT NULL, bucket smallint NOT NULL,
  asked integer NOT NULL, resolved integer NOT NULL, answered integer NOT NULL, hours_sum double precision NOT NULL,
  PRIMARY KEY (week, dim, key, bucket)
);

-- The same per day: the edge days of a period's cut query (566 rows a day on the bench instead of the
-- 2,000 that expanding insights_question_days into the four dimensions gives).
CREATE TABLE insights_question_cut_days (
  day date NOT NULL, dim text NOT NULL, key text NOT NULL, bucket smallint NOT NULL,
  asked integer NOT NULL, resolved integer NOT NULL, answered integer NOT NULL, hours_sum double precision NOT NULL,
  PRIMARY KEY (day, dim, key, bucket)
);

-- One question's signed contribution to the question rollups.
CREATE TYPE insights_question_delta AS (
  day date, tier text, org text, category text, product text, bucket smallint,
  asked integer, resolved integer, answered integer, hours double precision
);

-- Adds signed contributions to the day, week and cut-week rollups and to the questions' volume, then
-- drops the rows they brought to zero.
CREATE FUNCTION insights_apply_questions(deltas insights_question_delta[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF deltas IS NULL OR cardinality(deltas) = 0 THEN RETURN; END IF;
  INSERT INTO insights_question_days AS t (day, tier, org, category, product, bucket, asked, resolved, answered, hours_sum)
  SELECT day, tier, org, category, product, bucket, sum(asked), sum(resolved), sum(answered), sum(hours)
  FROM unnest(deltas) GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (day, tier, org, category, product, bucket) DO UPDATE SET asked = t.asked + EXCLUDED.asked,
    resolved = t.resolved + EXCLUDED.resolved, answered = t.answered + EXCLUDED.answered, hours_sum = t.hours_sum + EXCLUDED.hours_sum;
  DELETE FROM insights_question_days t USING (SELECT DISTINCT day, tier, org, category, product, bucket FROM unnest(deltas)) k
   WHERE t.day = k.day AND t.tier = k.tier AND t.org = k.org AND t.category = k.category AND t.product = k.product AND t.bucket = k.bucket AND t.asked = 0;

  INSERT INTO insights_question_weeks AS t (week, bucket, asked, resolved, answered, hours_sum)
  SELECT insights_week(day), bucket, sum(asked), sum(resolved), sum(answered), sum(hours)
  FROM unnest(deltas) GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (week, bucket) DO UPDATE SET asked = t.asked + EXCLUDED.asked,
    resolved = t.resolved + EXCLUDED.resolved, answered = t.answered + EXCLUDED.answered, hours_sum = t.hours_sum + EXCLUDED.hours_sum;
  DELETE FROM insights_question_weeks t USING (SELECT DISTINCT insights_week(day) AS week, bucket FROM unnest(deltas)) k
   WHERE t.week = k.week AND t.bucket = k.bucket AND t.asked = 0;

  INSERT INTO insights_question_cut_weeks AS t (week, dim, key, bucket, asked, resolved, answered, hours_sum)
  SELECT insights_week(u.day), c.dim, c.key, insights_coarse_bucket(u.bucket), sum(u.asked), sum(u.resolved), sum(u.answered), sum(u.hours)
  FROM unnest(deltas) u, LATERAL (VALUES ('tier', u.tier), ('org', u.org), ('category', u.category), ('product', u.product)) c(dim, key)
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (week, dim, key, bucket) DO UPDATE SET asked = t.asked + EXCLUDED.asked,
    resolved = t.resolved + EXCLUDED.resolved, answered = t.answered + EXCLUDED.answered, hours_sum = t.hours_sum + EXCLUDED.hours_sum;
  DELETE FROM insights_question_cut_weeks t
   USING (SELECT DISTINCT insights_week(u.day) AS week, c.dim, c.key, insights_coarse_bucket(u.bucket) AS bucket
          FROM unnest(deltas) u, LATERAL (VALUES ('tier', u.tier), ('org', u.org), ('category', u.category), ('product', u.product)) c(dim, key)) k
   WHERE t.week = k.week AND t.dim = k.dim AND t.key = k.key AND t.bucket = k.bucket AND t.asked = 0;

  INSERT INTO insights_question_cut_days AS t (day, dim, key, bucket, asked, resolved, answered, hours_sum)
  SELECT u.day, c.dim, c.key, insights_coarse_bucket(u.bucket), sum(u.asked), sum(u.resolved), sum(u.answered), sum(u.hours)
  FROM unnest(deltas) u, LATERAL (VALUES ('tier', u.tier), ('org', u.org), ('category', u.category), ('product', u.product)) c(dim, key)
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, dim, key, bucket) DO UPDATE SET asked = t.asked + EXCLUDED.asked,
    resolved = t.resolved + EXCLUDED.resolved, answered = t.answered + EXCLUDED.answered, hours_sum = t.hours_sum + EXCLUDED.hours_sum;
  DELETE FROM insights_question_cut_days t
   USING (SELECT DISTINCT u.day, c.dim, c.key, insights_coarse_bucket(u.bucket) AS bucket
          FROM unnest(deltas) u, LATERAL (VALUES ('tier', u.tier), ('org', u.org), ('category', u.category), ('product', u.product)) c(dim, key)) k
   WHERE t.day = k.day AND t.dim = k.dim AND t.key = k.key AND t.bucket = k.bucket AND t.asked = 0;

  INSERT INTO insights_volume_days AS t (day, kind, n)
  SELECT day, 'questions', sum(asked) FROM unnest(deltas) GROUP BY 1 ORDER BY 1
  ON CONFLICT (day, kind) DO UPDATE SET n = t.n + EXCLUDED.n;
  DELETE FROM insights_volume_days t WHERE t.kind = 'questions' AND t.n = 0 AND t.day IN (SELECT day FROM unnest(deltas));
END $$;

-- The contribution of some question rows (status published only), with the given sign, cut by their
-- author's current tier and organisation. A trigger passes its transition table as an array of rows
-- (PL/pgSQL cannot pass a table to a function).
CREATE FUNCTION insights_question_contributions(qs questions[], sign integer) RETURNS insights_question_delta[] LANGUAGE sql STABLE AS $$
  SELECT COALESCE(array_agg(ROW(insights_day(q.created_at), COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''),
      insights_hours_bucket(x.h), sign, sign * (q.accepted_answer_id IS NOT NULL)::int, sign * (x.h IS NOT NULL)::int, sign * COALESCE(x.h, 0))::insights_question_delta), '{}')
  FROM unnest(qs) q
  LEFT JOIN people p ON p.id = q.author_id,
  LATERAL (SELECT EXTRACT(EPOCH FROM (q.first_answer_at - q.created_at))::double precision / 3600.0 AS h) x
  WHERE q.status = 'published'
$$;

-- Rebuilds the question rollups from the questions (the backfill, and after TRUNCATE people).
CREATE FUNCTION insights_rebuild_questions() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM insights_question_days;
  DELETE FROM insights_question_weeks;
  DELETE FROM insights_question_cut_weeks;
  DELETE FROM insights_question_cut_days;
  DELETE FROM insights_volume_days WHERE kind = 'questions';
  -- The deltas straight from the columns they read: an array of whole question rows (bodies and
  -- vectors) passes the 1 GB value cap at a few hundred thousand questions.
  PERFORM insights_apply_questions(ARRAY(
    SELECT ROW(insights_day(q.created_at), COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''),
        insights_hours_bucket(x.h), 1, (q.accepted_answer_id IS NOT NULL)::int, (x.h IS NOT NULL)::int, COALESCE(x.h, 0))::insights_question_delta
    FROM questions q LEFT JOIN people p ON p.id = q.author_id,
    LATERAL (SELECT EXTRACT(EPOCH FROM (q.first_answer_at - q.created_at))::double precision / 3600.0 AS h) x
    WHERE q.status = 'published'));
END $$;

-- The questions trigger: n ± 1 for the question rollups and volume. Moving a question's cut still
-- recounts the days of its CSAT answers and deflections, and a status or accepted-answer change the
-- contributors' days (rare moderator and asker actions, not the write path that scales).
CREATE OR REPLACE FUNCTION insights_on_questions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_qs questions[]; new_qs questions[]; cut_moved text[]; ranked_ids text[]; accepted_ids text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- The authors' tier and organisation are read below: wait for an uncommitted change of them.
    PERFORM insights_share_people(ARRAY(SELECT DISTINCT author_id FROM new_rows));
    PERFORM insights_apply_questions(insights_question_contributions(ARRAY(SELECT ROW(n.*)::questions FROM new_rows n), 1));
  ELSIF TG_OP = 'DELETE' THEN
    -- Answers, CSAT and deflections go with it (ON DELETE CASCADE); their own triggers recount them.
    PERFORM insights_share_people(ARRAY(SELECT DISTINCT author_id FROM old_rows));
    PERFORM insights_apply_questions(insights_question_contributions(ARRAY(SELECT ROW(o.*)::questions FROM old_rows o), -1));
  ELSE
    -- Only rows whose counted columns changed (a reply bumps last_activity_at every time): their old
    -- contribution out, their new one in.
    SELECT array_agg(ROW(o.*)::questions), array_agg(ROW(n.*)::questions),
        array_agg(n.id) FILTER (WHERE o.author_id IS DISTINCT FROM n.author_id OR o.category IS DISTINCT FROM n.category OR o.product IS DISTINCT FROM n.product),
        array_agg(n.id) FILTER (WHERE o.status IS DISTINCT FROM n.status OR o.accepted_answer_id IS DISTINCT FROM n.accepted_answer_id),
        array_remove(array_agg(o.accepted_answer_id) FILTER (WHERE o.status IS DISTINCT FROM n.status OR o.accepted_answer_id IS DISTINCT FROM n.accepted_answer_id), NULL)
        || array_remove(array_agg(n.accepted_answer_id) FILTER (WHERE o.status IS DISTINCT FROM n.status OR o.accepted_answer_id IS DISTINCT FROM n.accepted_answer_id), NULL)
      INTO old_qs, new_qs, cut_moved, ranked_ids, accepted_ids
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.status IS DISTINCT FROM n.status OR o.author_id IS DISTINCT FROM n.author_id OR o.category IS DISTINCT FROM n.category
         OR o.product IS DISTINCT FROM n.product OR o.accepted_answer_id IS DISTINCT FROM n.accepted_answer_id
         OR o.first_answer_at IS DISTINCT FROM n.first_answer_at OR o.created_at IS DISTINCT FROM n.created_at;
    IF old_qs IS NULL THEN RETURN NULL; END IF;
    PERFORM insights_share_people(ARRAY(SELECT q.author_id FROM unnest(old_qs || new_qs) q));
    PERFORM insights_apply_questions(insights_question_contributions(old_qs, -1) || insights_question_contributions(new_qs, 1));
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
  END IF;
  RETURN NULL;
END $$;

-- A person changing tier or organisation moves their questions (n ± 1), CSAT answers and deflections.
CREATE OR REPLACE FUNCTION insights_on_people() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved text[];
BEGIN
  SELECT array_agg(n.id) INTO moved FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE o.tier IS DISTINCT FROM n.tier OR o.org_id IS DISTINCT FROM n.org_id;
  IF moved IS NULL THEN RETURN NULL; END IF;
  PERFORM insights_apply_questions((
    SELECT array_agg(ROW(insights_day(q.created_at), COALESCE(s.tier, ''), COALESCE(s.org, ''), q.category, COALESCE(q.product, ''),
        insights_hours_bucket(x.h), s.sign, s.sign * (q.accepted_answer_id IS NOT NULL)::int, s.sign * (x.h IS NOT NULL)::int, s.sign * COALESCE(x.h, 0))::insights_question_delta)
    FROM questions q JOIN old_rows o ON o.id = q.author_id JOIN new_rows n ON n.id = o.id,
    LATERAL (VALUES (-1, o.tier, o.org_id), (1, n.tier, n.org_id)) s(sign, tier, org),
    LATERAL (SELECT EXTRACT(EPOCH FROM (q.first_answer_at - q.created_at))::double precision / 3600.0 AS h) x
    WHERE q.status = 'published' AND n.id = ANY(moved)));
  PERFORM insights_refresh_csat((SELECT array_agg(DISTINCT insights_day(c.answered_at)) FROM csat c JOIN questions q ON q.id = c.question_id WHERE q.author_id = ANY(moved)));
  PERFORM insights_refresh_deflections((SELECT array_agg(DISTINCT insights_day(created_at)) FROM deflections WHERE person_id = ANY(moved)));
  RETURN NULL;
END $$;

-- TRUNCATE: as in migration 012, with the new tables.
CREATE OR REPLACE FUNCTION insights_on_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME IN ('threads', 'posts', 'questions', 'answers') THEN
    DELETE FROM insights_volume_days WHERE kind = TG_TABLE_NAME;
  END IF;
  CASE TG_TABLE_NAME
    WHEN 'questions' THEN
      DELETE FROM insights_question_days;
      DELETE FROM insights_question_weeks;
      DELETE FROM insights_question_cut_weeks;
      DELETE FROM insights_question_cut_days;
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
      PERFORM insights_rebuild_questions();
      PERFORM insights_refresh_csat(ARRAY(SELECT DISTINCT day FROM insights_csat_days));
      PERFORM insights_refresh_deflections(ARRAY(SELECT DISTINCT day FROM insights_deflection_days));
    ELSE NULL;
  END CASE;
  RETURN NULL;
END $$;

-- Knowledge-base searches per week and query, kept from search_daily by the same signed sums (a
-- statement on search_daily, whoever writes it: recordSearch, a first click, the seed, the retention
-- sweep). last_at and zero_last_at are maxima, not sums: they only grow while searches are added,
-- and a delete recomputes them for the weeks it touched from the days left.
CREATE TABLE search_weekly (
  week date NOT NULL,
  query text NOT NULL,
  searches integer NOT NULL DEFAULT 0,
  clicked integer NOT NULL DEFAULT 0,
  zero integer NOT NULL DEFAULT 0,
  last_at timestamptz,
  -- The latest last_at of the week's days that had a zero-result search (what zeroResults shows).
  zero_last_at timestamptz,
  PRIMARY KEY (week, query)
);
-- A search report reads the per-query rows only for the queries it may show: each chunk's top ones by
-- count through these indexes (search.ts bounds the rest), then those queries by (query, week); covering,
-- so that each read is an index-only scan.
CREATE INDEX search_weekly_top ON search_weekly (week, searches DESC) INCLUDE (query);
CREATE INDEX search_weekly_zero ON search_weekly (week, zero DESC) INCLUDE (query) WHERE zero > 0;
CREATE INDEX search_weekly_query ON search_weekly (query, week) INCLUDE (searches, clicked, zero, zero_last_at);
CREATE INDEX search_daily_top ON search_daily (day, searches DESC) INCLUDE (query);
CREATE INDEX search_daily_zero ON search_daily (day, zero DESC) INCLUDE (query) WHERE zero > 0;
-- All queries together per day: a report's totals (searches, click-through, zero-result rate) read
-- ~180 rows here for 90 days and the period before, instead of every query's row. Kept by the same sums.
CREATE TABLE search_day_totals (
  day date PRIMARY KEY,
  searches integer NOT NULL DEFAULT 0,
  clicked integer NOT NULL DEFAULT 0,
  zero integer NOT NULL DEFAULT 0
);

CREATE FUNCTION search_weekly_add(days search_daily[], sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_day_totals AS t (day, searches, clicked, zero)
  SELECT d.day, sign * sum(d.searches), sign * sum(d.clicked), sign * sum(d.zero) FROM unnest(days) d GROUP BY 1 ORDER BY 1
  ON CONFLICT (day) DO UPDATE SET searches = t.searches + EXCLUDED.searches, clicked = t.clicked + EXCLUDED.clicked, zero = t.zero + EXCLUDED.zero;
  INSERT INTO search_weekly AS w (week, query, searches, clicked, zero, last_at, zero_last_at)
  SELECT insights_week(d.day), d.query, sign * sum(d.searches), sign * sum(d.clicked), sign * sum(d.zero),
    CASE WHEN sign > 0 THEN max(d.last_at) END, CASE WHEN sign > 0 THEN max(d.last_at) FILTER (WHERE d.zero > 0) END
  FROM unnest(days) d GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (week, query) DO UPDATE SET searches = w.searches + EXCLUDED.searches, clicked = w.clicked + EXCLUDED.clicked,
    zero = w.zero + EXCLUDED.zero, last_at = GREATEST(w.last_at, EXCLUDED.last_at), zero_last_at = GREATEST(w.zero_last_at, EXCLUDED.zero_last_at)
$$;

CREATE FUNCTION search_daily_to_weekly() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM search_weekly_add(ARRAY(SELECT ROW(o.*)::search_daily FROM old_rows o), -1);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    PERFORM search_weekly_add(ARRAY(SELECT ROW(n.*)::search_daily FROM new_rows n), 1);
  END IF;
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_weekly w WHERE w.searches = 0 AND (w.week, w.query) IN (SELECT insights_week(day), query FROM old_rows);
    DELETE FROM search_day_totals t WHERE t.searches = 0 AND t.day IN (SELECT day FROM old_rows);
    UPDATE search_weekly w SET last_at = x.last_at, zero_last_at = x.zero_last_at
      FROM (SELECT insights_week(d.day) AS week, d.query, max(d.last_at) AS last_at, max(d.last_at) FILTER (WHERE d.zero > 0) AS zero_last_at
            FROM search_daily d WHERE (insights_week(d.day), d.query) IN (SELECT insights_week(day), query FROM old_rows) GROUP BY 1, 2) x
     WHERE w.week = x.week AND w.query = x.query;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER search_daily_weekly_insert AFTER INSERT ON search_daily REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_daily_to_weekly();
CREATE TRIGGER search_daily_weekly_update AFTER UPDATE ON search_daily REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_daily_to_weekly();
CREATE TRIGGER search_daily_weekly_delete AFTER DELETE ON search_daily REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_daily_to_weekly();
CREATE FUNCTION search_daily_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM search_weekly; DELETE FROM search_day_totals; RETURN NULL; END $$;
CREATE TRIGGER search_daily_weekly_truncate AFTER TRUNCATE ON search_daily FOR EACH STATEMENT EXECUTE FUNCTION search_daily_truncate();

-- ---------------------------------------------------------------------------------------------------
-- The other additive rollups: an insert or a delete adds its rows' signed counts. An update still
-- recounts the days of the rows whose read columns changed (moderation and edits, not the write path
-- that scales), as migration 012 did; so does a delete of CSAT answers or deflections, which a
-- question's delete cascades to after the question (and so their cut) is gone.

CREATE FUNCTION insights_add_volume(kind text, days date[], sign integer) RETURNS void LANGUAGE sql AS $$
  SELECT insights_share_days('insights_volume_days:' || kind, days);
  INSERT INTO insights_volume_days AS t (day, kind, n)
  SELECT d, kind, sign * count(*) FROM unnest(days) d GROUP BY d ORDER BY d
  ON CONFLICT (day, kind) DO UPDATE SET n = t.n + EXCLUDED.n
$$;

CREATE FUNCTION insights_add_feedback(fs article_feedback[], sign integer) RETURNS void LANGUAGE sql AS $$
  SELECT insights_share_days('insights_helpful_days', ARRAY(SELECT insights_day(f.created_at) FROM unnest(fs) f));
  INSERT INTO insights_helpful_days AS t (day, article_yes, article_all)
  SELECT insights_day(f.created_at), sign * count(*) FILTER (WHERE f.helpful), sign * count(*) FROM unnest(fs) f GROUP BY 1 ORDER BY 1
  ON CONFLICT (day) DO UPDATE SET article_yes = t.article_yes + EXCLUDED.article_yes, article_all = t.article_all + EXCLUDED.article_all
$$;

-- Votes on published answers (helpful rate); up-votes on published answers of published questions (contributors).
CREATE FUNCTION insights_add_votes(vs votes[], sign integer) RETURNS void LANGUAGE sql AS $$
  -- Row locks first (the answers, then their questions), then the day locks: a hide holds the row and
  -- then waits for the days of its recount, so the other order could deadlock with it.
  SELECT insights_share_answers(ARRAY(SELECT v.target_id FROM unnest(vs) v WHERE v.target_kind = 'answer'));
  SELECT insights_share_questions(ARRAY(SELECT a.question_id FROM answers a WHERE a.id = ANY(ARRAY(SELECT v.target_id FROM unnest(vs) v WHERE v.target_kind = 'answer'))));
  SELECT insights_share_days('insights_helpful_days', ARRAY(SELECT insights_day(v.created_at) FROM unnest(vs) v));
  SELECT insights_share_days('insights_contributor_days', ARRAY(SELECT insights_day(v.created_at) FROM unnest(vs) v));
  INSERT INTO insights_helpful_days AS t (day, answer_up, answer_all)
  SELECT insights_day(v.created_at), sign * count(*) FILTER (WHERE v.value > 0), sign * count(*)
  FROM unnest(vs) v WHERE v.target_kind = 'answer' AND (SELECT a.status FROM answers a WHERE a.id = v.target_id) = 'published'
  GROUP BY 1 ORDER BY 1
  ON CONFLICT (day) DO UPDATE SET answer_up = t.answer_up + EXCLUDED.answer_up, answer_all = t.answer_all + EXCLUDED.answer_all;
  INSERT INTO insights_contributor_days AS t (day, person_id, accepted, up)
  SELECT insights_day(v.created_at), a.author_id, 0, sign * count(*)
  FROM unnest(vs) v JOIN LATERAL (SELECT a.author_id, a.question_id FROM answers a WHERE a.id = v.target_id AND a.status = 'published' LIMIT 1) a ON true
  WHERE v.target_kind = 'answer' AND v.value > 0 AND (SELECT q.status FROM questions q WHERE q.id = a.question_id) = 'published'
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (day, person_id) DO UPDATE SET up = t.up + EXCLUDED.up;
$$;

CREATE FUNCTION insights_add_csat(cs csat[], sign integer) RETURNS void LANGUAGE sql AS $$
  SELECT insights_share_questions(ARRAY(SELECT c.question_id FROM unnest(cs) c));
  SELECT insights_share_people(ARRAY(SELECT q.author_id FROM questions q WHERE q.id = ANY(ARRAY(SELECT c.question_id FROM unnest(cs) c))));
  SELECT insights_share_days('insights_csat_days', ARRAY(SELECT insights_day(c.answered_at) FROM unnest(cs) c));
  INSERT INTO insights_csat_days AS t (day, tier, org, category, product, n, score_sum, s1, s2, s3, s4, s5)
  SELECT insights_day(c.answered_at), COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''),
    sign * count(*), sign * sum(c.score), sign * count(*) FILTER (WHERE c.score = 1), sign * count(*) FILTER (WHERE c.score = 2),
    sign * count(*) FILTER (WHERE c.score = 3), sign * count(*) FILTER (WHERE c.score = 4), sign * count(*) FILTER (WHERE c.score = 5)
  FROM unnest(cs) c JOIN LATERAL (SELECT q.category, q.product, q.author_id FROM questions q WHERE q.id = c.question_id LIMIT 1) q ON true
  LEFT JOIN people p ON p.id = q.author_id
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, tier, org, category, product) DO UPDATE SET n = t.n + EXCLUDED.n, score_sum = t.score_sum + EXCLUDED.score_sum,
    s1 = t.s1 + EXCLUDED.s1, s2 = t.s2 + EXCLUDED.s2, s3 = t.s3 + EXCLUDED.s3, s4 = t.s4 + EXCLUDED.s4, s5 = t.s5 + EXCLUDED.s5
$$;

CREATE FUNCTION insights_add_deflections(ds deflections[], sign integer) RETURNS void LANGUAGE sql AS $$
  SELECT insights_share_questions(ARRAY(SELECT x.question_id FROM unnest(ds) x));
  SELECT insights_share_people(ARRAY(SELECT x.person_id FROM unnest(ds) x));
  SELECT insights_share_days('insights_deflection_days', ARRAY(SELECT insights_day(x.created_at) FROM unnest(ds) x));
  INSERT INTO insights_deflection_days AS t (day, tier, org, category, product, n)
  SELECT insights_day(x.created_at), COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''), sign * count(*)
  FROM unnest(ds) x JOIN LATERAL (SELECT q.category, q.product FROM questions q WHERE q.id = x.question_id LIMIT 1) q ON true
  LEFT JOIN people p ON p.id = x.person_id
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, tier, org, category, product) DO UPDATE SET n = t.n + EXCLUDED.n
$$;

-- Inserts and deletes add their signed counts. The triggers of migration 012 keep its function, renamed
-- insights_recount_events, for updates (and for deletes of CSAT answers and deflections); the insert
-- and delete triggers of the others move to the new one below.
ALTER FUNCTION insights_on_events() RENAME TO insights_recount_events;
CREATE FUNCTION insights_on_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    CASE TG_TABLE_NAME
      WHEN 'threads' THEN PERFORM insights_add_volume('threads', ARRAY(SELECT insights_day(created_at) FROM new_rows WHERE status = 'published'), 1);
      WHEN 'posts' THEN PERFORM insights_add_volume('posts', ARRAY(SELECT insights_day(created_at) FROM new_rows WHERE status = 'published'), 1);
      WHEN 'article_feedback' THEN PERFORM insights_add_feedback(ARRAY(SELECT ROW(n.*)::article_feedback FROM new_rows n), 1);
      WHEN 'votes' THEN PERFORM insights_add_votes(ARRAY(SELECT ROW(n.*)::votes FROM new_rows n WHERE target_kind = 'answer'), 1);
      WHEN 'csat' THEN PERFORM insights_add_csat(ARRAY(SELECT ROW(n.*)::csat FROM new_rows n), 1);
      WHEN 'deflections' THEN PERFORM insights_add_deflections(ARRAY(SELECT ROW(n.*)::deflections FROM new_rows n), 1);
    END CASE;
  ELSE
    CASE TG_TABLE_NAME
      WHEN 'threads' THEN PERFORM insights_add_volume('threads', ARRAY(SELECT insights_day(created_at) FROM old_rows WHERE status = 'published'), -1);
      WHEN 'posts' THEN PERFORM insights_add_volume('posts', ARRAY(SELECT insights_day(created_at) FROM old_rows WHERE status = 'published'), -1);
      WHEN 'article_feedback' THEN PERFORM insights_add_feedback(ARRAY(SELECT ROW(o.*)::article_feedback FROM old_rows o), -1);
      WHEN 'votes' THEN PERFORM insights_add_votes(ARRAY(SELECT ROW(o.*)::votes FROM old_rows o WHERE target_kind = 'answer'), -1);
    END CASE;
  END IF;
  RETURN NULL;
END $$;
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['threads', 'posts', 'article_feedback', 'votes', 'csat', 'deflections'] LOOP
    EXECUTE format('DROP TRIGGER insights_%1$s_insert ON %1$I', t);
    EXECUTE format('CREATE TRIGGER insights_%1$s_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION insights_on_events()', t);
    IF t NOT IN ('csat', 'deflections') THEN
      EXECUTE format('DROP TRIGGER insights_%1$s_delete ON %1$I', t);
      EXECUTE format('CREATE TRIGGER insights_%1$s_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION insights_on_events()', t);
    END IF;
  END LOOP;
END $$;

-- Answers: an insert adds its volume and, when it is already the accepted answer of a published
-- question, its author's accepted answer. Updates and deletes (moderation) keep the recount of 012.
ALTER FUNCTION insights_on_answers() RENAME TO insights_recount_answers;
CREATE FUNCTION insights_on_answer_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insights_add_volume('answers', ARRAY(SELECT insights_day(created_at) FROM new_rows WHERE status = 'published'), 1);
  PERFORM insights_share_days('insights_contributor_days', ARRAY(SELECT insights_day(created_at) FROM new_rows WHERE status = 'published'));
  INSERT INTO insights_contributor_days AS t (day, person_id, accepted, up)
  SELECT insights_day(a.created_at), a.author_id, count(*), 0 FROM new_rows a
  WHERE a.status = 'published' AND (SELECT q.accepted_answer_id = a.id AND q.status = 'published' FROM questions q WHERE q.id = a.question_id)
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (day, person_id) DO UPDATE SET accepted = t.accepted + EXCLUDED.accepted;
  RETURN NULL;
END $$;
DROP TRIGGER insights_answers_insert ON answers;
CREATE TRIGGER insights_answers_insert AFTER INSERT ON answers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION insights_on_answer_insert();

-- Replaced by insights_apply_questions and insights_rebuild_questions.
DROP FUNCTION insights_refresh_questions(date[]);

-- Backfill.
SELECT insights_rebuild_questions();
SELECT search_weekly_add(ARRAY(SELECT d FROM search_daily d), 1);
