-- The search rollup's statement trigger returns at once when its statement changed no row.
--
-- Since session 10 the search's own statement writes its insights event through data-modifying CTEs
-- (handlers/insights/search-events.ts `recordSearchCtes`), guarded by a condition that is false on every
-- statement but the one that records (the pass records only when no candidate statement follows it).
-- A guarded-off `INSERT … ON CONFLICT DO UPDATE` on search_daily inserts and updates nothing, but
-- PostgreSQL still fires its AFTER INSERT and AFTER UPDATE statement triggers, and 015's function then
-- ran search_weekly_add three times over empty arrays: six empty upserts on the heaviest searches.
-- Same function as 015 otherwise.
CREATE OR REPLACE FUNCTION search_daily_to_weekly() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Nested, not one AND: each transition table exists only for the operations that define it, and an
  -- expression naming one is parsed only when it runs.
  IF TG_OP = 'INSERT' THEN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN RETURN NULL; END IF;
  ELSIF NOT EXISTS (SELECT 1 FROM old_rows) THEN
    RETURN NULL;
  END IF;
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
