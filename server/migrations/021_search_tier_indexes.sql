-- Search at 100k, continued (issue 18): the signed-in partner's tier filtered in the index, not on the heap.
--
-- A signed-in partner below platinum may read the articles up to their tier (`min_tier_rank <= rank`,
-- then the roles). With the match indexes over every article, a gold partner's search visited the heap
-- row of every match and threw a quarter away (platinum): "okta sso" at 100k read 1,860 rows to keep
-- 1,409, and a silver partner's threw half away. These partial indexes hold the articles a gold (rank
-- <= 2) and a silver (rank <= 1) partner may read; the planner proves the predicate from the audience
-- condition (search-sql.ts audienceSql spells the tier as this literal) and reads them (a registered
-- partner with roles, rank 0, reads the silver ones). The roles test stays on the row.
-- The sample (migration 020) and the recency walks keep their indexes: they stop after a bounded number
-- of rows either way.
CREATE INDEX article_search_gold_search ON article_search USING gin (search) WHERE min_tier_rank <= 2;
CREATE INDEX article_search_gold_title ON article_search USING gin (title_search) WHERE min_tier_rank <= 2;
CREATE INDEX article_search_gold_title_words ON article_search USING gin (title_words) WHERE min_tier_rank <= 2;
CREATE INDEX article_search_silver_search ON article_search USING gin (search) WHERE min_tier_rank <= 1;
CREATE INDEX article_search_silver_title ON article_search USING gin (title_search) WHERE min_tier_rank <= 1;
CREATE INDEX article_search_silver_title_words ON article_search USING gin (title_words) WHERE min_tier_rank <= 1;
