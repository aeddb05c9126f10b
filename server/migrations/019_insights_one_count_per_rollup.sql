-- Insights rollups, part three: one counting function per rollup. Migration 012 recounted a day with
-- its own INSERT … SELECT per rollup, and migration 015 added n ± 1 with a second copy of the same
-- SELECT over a statement's transition rows, so each rollup's figures were spelt twice and could drift
-- apart. Both paths now call one function per rollup, insights_count_<rollup>(rows, sign), which
-- upserts the signed contribution of the rows it is given:
--   * an insert or a delete (015's adds) locks what it reads, shares the day locks, then counts its
--     transition rows with sign 1 or -1 (insights_add_*, unchanged in what they lock and in what order);
--   * a recount of some days (012's insights_refresh_*) takes the days' exclusive locks, deletes their
--     rows, and counts each day's base rows with sign 1 (insights_recount). It takes no row locks, as
--     before: its exclusive day lock already orders it against every add and every other recount.
-- The question rollups were already counted once (015's insights_apply_questions); their contribution
-- query (insights_question_contributions) now also serves the day rebuild, which had a copy of it. A
-- person's move keeps 015's column-only copy (see insights_on_people below).
--
-- The counts and adds are PL/pgSQL, whose statement plans are cached per session: a multi-statement
-- SQL function is planned again on every call, which made a question insert and a recount 1.2-1.5x
-- slower when the adds called the counts as SQL functions (bench/server/insights-write-ab.ts).
--
-- What differs from before, invisibly to every read (they sum rows): a recount no longer writes rows
-- of zero for days with nothing to count, and a volume row that an add brings to zero is deleted for
-- every kind, as 015 did for questions only.

-- ---------------------------------------------------------------------------------------------------
-- The counts.

-- Published rows of one kind (threads, posts, questions, answers): one entry in `days` per row.
-- `minus`: days counted with the opposite sign in the same write. A statement that publishes some
-- questions and hides others must lock its day rows in one day order, as 015's single upsert did: two
-- writes (the +1 days, then the -1 days) could lock day B before day A and deadlock a concurrent one.
CREATE FUNCTION insights_count_volume(of_kind text, days date[], sign integer, minus date[] DEFAULT '{}') RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF COALESCE(cardinality(days), 0) + COALESCE(cardinality(minus), 0) = 0 THEN RETURN; END IF;
  INSERT INTO insights_volume_days AS t (day, kind, n)
  SELECT d, of_kind, sum(s) FROM (SELECT d, sign AS s FROM unnest(days) d UNION ALL SELECT d, -sign FROM unnest(minus) d) x
  GROUP BY d ORDER BY d
  ON CONFLICT (day, kind) DO UPDATE SET n = t.n + EXCLUDED.n;
  DELETE FROM insights_volume_days t WHERE t.kind = of_kind AND t.n = 0 AND (t.day = ANY(days) OR t.day = ANY(minus));
END $$;

-- CSAT answers by the day answered and the question's cut (its asker's current tier and organisation).
CREATE FUNCTION insights_count_csat(cs csat[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO insights_csat_days AS t (day, tier, org, category, product, n, score_sum, s1, s2, s3, s4, s5)
  SELECT insights_day(c.answered_at), COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''),
    sign * count(*), sign * sum(c.score), sign * count(*) FILTER (WHERE c.score = 1), sign * count(*) FILTER (WHERE c.score = 2),
    sign * count(*) FILTER (WHERE c.score = 3), sign * count(*) FILTER (WHERE c.score = 4), sign * count(*) FILTER (WHERE c.score = 5)
  FROM unnest(cs) c JOIN LATERAL (SELECT q.category, q.product, q.author_id FROM questions q WHERE q.id = c.question_id LIMIT 1) q ON true
  LEFT JOIN people p ON p.id = q.author_id
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, tier, org, category, product) DO UPDATE SET n = t.n + EXCLUDED.n, score_sum = t.score_sum + EXCLUDED.score_sum,
    s1 = t.s1 + EXCLUDED.s1, s2 = t.s2 + EXCLUDED.s2, s3 = t.s3 + EXCLUDED.s3, s4 = t.s4 + EXCLUDED.s4, s5 = t.s5 + EXCLUDED.s5;
END $$;

-- Deflections by day, the deflecting partner's tier and organisation, and the answering question's
-- category and product.
CREATE FUNCTION insights_count_deflections(ds deflections[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO insights_deflection_days AS t (day, tier, org, category, product, n)
  SELECT insights_day(x.created_at), COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''), sign * count(*)
  FROM unnest(ds) x JOIN LATERAL (SELECT q.category, q.product FROM questions q WHERE q.id = x.question_id LIMIT 1) q ON true
  LEFT JOIN people p ON p.id = x.person_id
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, tier, org, category, product) DO UPDATE SET n = t.n + EXCLUDED.n;
END $$;

-- "Was this helpful" on articles, and votes on published answers, by day.
CREATE FUNCTION insights_count_helpful(fs article_feedback[], vs votes[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO insights_helpful_days AS t (day, article_yes, article_all)
  SELECT insights_day(f.created_at), sign * count(*) FILTER (WHERE f.helpful), sign * count(*) FROM unnest(fs) f GROUP BY 1 ORDER BY 1
  ON CONFLICT (day) DO UPDATE SET article_yes = t.article_yes + EXCLUDED.article_yes, article_all = t.article_all + EXCLUDED.article_all;
  INSERT INTO insights_helpful_days AS t (day, answer_up, answer_all)
  SELECT insights_day(v.created_at), sign * count(*) FILTER (WHERE v.value > 0), sign * count(*)
  FROM unnest(vs) v WHERE v.target_kind = 'answer' AND (SELECT a.status FROM answers a WHERE a.id = v.target_id) = 'published'
  GROUP BY 1 ORDER BY 1
  ON CONFLICT (day) DO UPDATE SET answer_up = t.answer_up + EXCLUDED.answer_up, answer_all = t.answer_all + EXCLUDED.answer_all;
END $$;

-- Per person and day: answers written that day that are the accepted answer of a published question,
-- and up-votes cast that day on their published answers of published questions.
CREATE FUNCTION insights_count_contributors(ans answers[], vs votes[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO insights_contributor_days AS t (day, person_id, accepted, up)
  SELECT day, person, sign * sum(accepted), sign * sum(up) FROM (
    SELECT insights_day(a.created_at) AS day, a.author_id AS person, 1 AS accepted, 0 AS up
    FROM unnest(ans) a
    WHERE a.status = 'published' AND (SELECT q.accepted_answer_id = a.id AND q.status = 'published' FROM questions q WHERE q.id = a.question_id)
    UNION ALL
    SELECT insights_day(v.created_at), a.author_id, 0, 1
    FROM unnest(vs) v JOIN LATERAL (SELECT a.author_id, a.question_id FROM answers a WHERE a.id = v.target_id AND a.status = 'published' LIMIT 1) a ON true
    WHERE v.target_kind = 'answer' AND v.value > 0 AND (SELECT q.status FROM questions q WHERE q.id = a.question_id) = 'published'
  ) x GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (day, person_id) DO UPDATE SET accepted = t.accepted + EXCLUDED.accepted, up = t.up + EXCLUDED.up;
END $$;

-- The question rollups' counting stays 015's insights_apply_questions; its volume part now goes
-- through insights_count_volume. What follows is 015's function with that one change.
CREATE OR REPLACE FUNCTION insights_apply_questions(deltas insights_question_delta[]) RETURNS void LANGUAGE plpgsql AS $$
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

  -- The cut rollups, per week and per day: the same contributions, expanded into the four dimensions.
  INSERT INTO insights_question_cut_weeks AS t (week, dim, key, bucket, asked, resolved, answered, hours_sum)
  SELECT insights_week(day), dim, key, bucket, sum(asked), sum(resolved), sum(answered), sum(hours) FROM insights_question_cuts(deltas)
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (week, dim, key, bucket) DO UPDATE SET asked = t.asked + EXCLUDED.asked,
    resolved = t.resolved + EXCLUDED.resolved, answered = t.answered + EXCLUDED.answered, hours_sum = t.hours_sum + EXCLUDED.hours_sum;
  DELETE FROM insights_question_cut_weeks t USING (SELECT DISTINCT insights_week(day) AS week, dim, key, bucket FROM insights_question_cuts(deltas)) k
   WHERE t.week = k.week AND t.dim = k.dim AND t.key = k.key AND t.bucket = k.bucket AND t.asked = 0;

  INSERT INTO insights_question_cut_days AS t (day, dim, key, bucket, asked, resolved, answered, hours_sum)
  SELECT day, dim, key, bucket, sum(asked), sum(resolved), sum(answered), sum(hours) FROM insights_question_cuts(deltas)
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, dim, key, bucket) DO UPDATE SET asked = t.asked + EXCLUDED.asked,
    resolved = t.resolved + EXCLUDED.resolved, answered = t.answered + EXCLUDED.answered, hours_sum = t.hours_sum + EXCLUDED.hours_sum;
  DELETE FROM insights_question_cut_days t USING (SELECT DISTINCT day, dim, key, bucket FROM insights_question_cuts(deltas)) k
   WHERE t.day = k.day AND t.dim = k.dim AND t.key = k.key AND t.bucket = k.bucket AND t.asked = 0;

  PERFORM insights_count_volume('questions', ARRAY(SELECT day FROM unnest(deltas) WHERE asked > 0), 1,
    ARRAY(SELECT day FROM unnest(deltas) WHERE asked < 0));
END $$;

-- One question delta per cut dimension (tier, org, category, product), in the coarse buckets.
CREATE FUNCTION insights_question_cuts(deltas insights_question_delta[])
  RETURNS TABLE (day date, dim text, key text, bucket smallint, asked integer, resolved integer, answered integer, hours double precision)
  LANGUAGE sql IMMUTABLE AS $$
  SELECT u.day, c.dim, c.key, insights_coarse_bucket(u.bucket), u.asked, u.resolved, u.answered, u.hours
  FROM unnest(deltas) u, LATERAL (VALUES ('tier', u.tier), ('org', u.org), ('category', u.category), ('product', u.product)) c(dim, key)
$$;

-- The contribution of some question rows (status published only), with the given sign, cut by their
-- authors' tier and organisation as they are now. Replaces 015's form of the same name.
DROP FUNCTION insights_question_contributions(questions[], integer);
CREATE FUNCTION insights_question_contributions(qs questions[], sign integer)
  RETURNS insights_question_delta[] LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT COALESCE(array_agg(ROW(insights_day(q.created_at), COALESCE(p.tier, ''), COALESCE(p.org_id, ''), q.category, COALESCE(q.product, ''),
      insights_hours_bucket(x.h), sign, sign * (q.accepted_answer_id IS NOT NULL)::int, sign * (x.h IS NOT NULL)::int, sign * COALESCE(x.h, 0))::insights_question_delta), '{}')
  FROM unnest(qs) q
  LEFT JOIN people p ON p.id = q.author_id,
  LATERAL (SELECT EXTRACT(EPOCH FROM (q.first_answer_at - q.created_at))::double precision / 3600.0 AS h) x
  WHERE q.status = 'published');
END $$;

-- ---------------------------------------------------------------------------------------------------
-- The recounts (012's insights_refresh_*, same names and arguments, so every trigger that calls them
-- is unchanged).

-- Recounts some days of one rollup: exclusive day locks (012's insights_lock_days, in day order),
-- the days' rows out, then `count_day` run for each day with its bounds as $1 and $2 (values, so
-- each read is an index range scan on the dating column; see 012). `scope` is the volume kind.
CREATE FUNCTION insights_recount(rollup text, scope text, days date[], count_day text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE d date;
BEGIN
  PERFORM insights_lock_days(rollup || COALESCE(':' || scope, ''), days);
  EXECUTE format('DELETE FROM %I t WHERE t.day = ANY($1)', rollup) || CASE WHEN scope IS NULL THEN '' ELSE format(' AND t.kind = %L', scope) END
    USING days;
  FOR d IN SELECT DISTINCT x FROM unnest(days) x WHERE x IS NOT NULL ORDER BY x LOOP
    EXECUTE count_day USING insights_day_start(d), insights_day_start(d + 1);
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION insights_refresh_volume(kind text, days date[]) RETURNS void LANGUAGE sql AS $$
  SELECT insights_recount('insights_volume_days', kind, days, format('SELECT insights_count_volume(%L, ARRAY(SELECT insights_day(t.created_at)
    FROM %I t WHERE t.created_at >= $1 AND t.created_at < $2 AND t.status = %L), 1)', kind, kind, 'published'))
$$;
CREATE OR REPLACE FUNCTION insights_refresh_csat(days date[]) RETURNS void LANGUAGE sql AS $$
  SELECT insights_recount('insights_csat_days', NULL, days,
    'SELECT insights_count_csat(ARRAY(SELECT c FROM csat c WHERE c.answered_at >= $1 AND c.answered_at < $2), 1)')
$$;
CREATE OR REPLACE FUNCTION insights_refresh_deflections(days date[]) RETURNS void LANGUAGE sql AS $$
  SELECT insights_recount('insights_deflection_days', NULL, days,
    'SELECT insights_count_deflections(ARRAY(SELECT x FROM deflections x WHERE x.created_at >= $1 AND x.created_at < $2), 1)')
$$;
-- The votes are read through their partial index (votes_answer_created, target_kind = 'answer').
CREATE OR REPLACE FUNCTION insights_refresh_helpful(days date[]) RETURNS void LANGUAGE sql AS $$
  SELECT insights_recount('insights_helpful_days', NULL, days,
    'SELECT insights_count_helpful(ARRAY(SELECT f FROM article_feedback f WHERE f.created_at >= $1 AND f.created_at < $2),
       ARRAY(SELECT v FROM votes v WHERE v.target_kind = ''answer'' AND v.created_at >= $1 AND v.created_at < $2), 1)')
$$;
CREATE OR REPLACE FUNCTION insights_refresh_contributors(days date[]) RETURNS void LANGUAGE sql AS $$
  SELECT insights_recount('insights_contributor_days', NULL, days,
    'SELECT insights_count_contributors(ARRAY(SELECT a FROM answers a WHERE a.created_at >= $1 AND a.created_at < $2),
       ARRAY(SELECT v FROM votes v WHERE v.target_kind = ''answer'' AND v.created_at >= $1 AND v.created_at < $2), 1)')
$$;

-- Rebuilds the question rollups from the questions (after TRUNCATE people), a day at a time: an array
-- of every question row would pass the 1 GB value cap at a few hundred thousand questions.
CREATE OR REPLACE FUNCTION insights_rebuild_questions() RETURNS void LANGUAGE plpgsql AS $$
DECLARE d date;
BEGIN
  DELETE FROM insights_question_days;
  DELETE FROM insights_question_weeks;
  DELETE FROM insights_question_cut_weeks;
  DELETE FROM insights_question_cut_days;
  DELETE FROM insights_volume_days WHERE kind = 'questions';
  FOR d IN SELECT DISTINCT insights_day(created_at) FROM questions LOOP
    PERFORM insights_apply_questions(insights_question_contributions(ARRAY(SELECT q FROM questions q
      WHERE q.created_at >= insights_day_start(d) AND q.created_at < insights_day_start(d + 1)), 1));
  END LOOP;
END $$;

-- ---------------------------------------------------------------------------------------------------
-- The adds (015's insights_add_*, same names and arguments, the same locks in the same order).

CREATE OR REPLACE FUNCTION insights_add_volume(kind text, days date[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insights_share_days('insights_volume_days:' || kind, days);
  PERFORM insights_count_volume(kind, days, sign);
END $$;

CREATE OR REPLACE FUNCTION insights_add_feedback(fs article_feedback[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insights_share_days('insights_helpful_days', ARRAY(SELECT insights_day(f.created_at) FROM unnest(fs) f));
  PERFORM insights_count_helpful(fs, '{}', sign);
END $$;

CREATE OR REPLACE FUNCTION insights_add_votes(vs votes[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Row locks first (the answers, then their questions), then the day locks: a hide holds the row and
  -- then waits for the days of its recount, so the other order could deadlock with it.
  PERFORM insights_share_answers(ARRAY(SELECT v.target_id FROM unnest(vs) v WHERE v.target_kind = 'answer'));
  PERFORM insights_share_questions(ARRAY(SELECT a.question_id FROM answers a WHERE a.id = ANY(ARRAY(SELECT v.target_id FROM unnest(vs) v WHERE v.target_kind = 'answer'))));
  PERFORM insights_share_days('insights_helpful_days', ARRAY(SELECT insights_day(v.created_at) FROM unnest(vs) v));
  PERFORM insights_share_days('insights_contributor_days', ARRAY(SELECT insights_day(v.created_at) FROM unnest(vs) v));
  PERFORM insights_count_helpful('{}', vs, sign);
  PERFORM insights_count_contributors('{}', vs, sign);
END $$;

CREATE OR REPLACE FUNCTION insights_add_csat(cs csat[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insights_share_questions(ARRAY(SELECT c.question_id FROM unnest(cs) c));
  PERFORM insights_share_people(ARRAY(SELECT q.author_id FROM questions q WHERE q.id = ANY(ARRAY(SELECT c.question_id FROM unnest(cs) c))));
  PERFORM insights_share_days('insights_csat_days', ARRAY(SELECT insights_day(c.answered_at) FROM unnest(cs) c));
  PERFORM insights_count_csat(cs, sign);
END $$;

CREATE OR REPLACE FUNCTION insights_add_deflections(ds deflections[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insights_share_questions(ARRAY(SELECT x.question_id FROM unnest(ds) x));
  PERFORM insights_share_people(ARRAY(SELECT x.person_id FROM unnest(ds) x));
  PERFORM insights_share_days('insights_deflection_days', ARRAY(SELECT insights_day(x.created_at) FROM unnest(ds) x));
  PERFORM insights_count_deflections(ds, sign);
END $$;

-- An answer insert: its volume, and its author's accepted answer when it already is one.
CREATE OR REPLACE FUNCTION insights_on_answer_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insights_add_volume('answers', ARRAY(SELECT insights_day(created_at) FROM new_rows WHERE status = 'published'), 1);
  PERFORM insights_share_days('insights_contributor_days', ARRAY(SELECT insights_day(created_at) FROM new_rows WHERE status = 'published'));
  PERFORM insights_count_contributors(ARRAY(SELECT ROW(n.*)::answers FROM new_rows n), '{}', 1);
  RETURN NULL;
END $$;

-- A person changing tier or organisation keeps 015's insights_on_people: it builds the moved questions'
-- contributions from the columns it needs. Going through insights_question_contributions would put
-- whole question rows (bodies, search vectors) in an array: detoasted, and past the 1 GB value cap
-- for an organisation with a few hundred thousand questions.
