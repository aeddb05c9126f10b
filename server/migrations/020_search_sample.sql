-- Search at 100k, continued (issue 18): the sample that tells a common word cheaply.
--
-- A word in 41 % of the articles ("sizing" at 100k) had its whole match set turned into a GIN bitmap,
-- 41,000 entries, before the pass could stop at its bound: most of such a search's time. The counts past
-- 1,000 only need proof that more than 1,000 visible matches exist, and facet counts that are lower
-- bounds; both come from a subset as well as from the whole. One article in eight (by a hash of its id,
-- so the sample needs no upkeep: a new article is in it or not from its first write) is indexed here, and
-- when the sample alone holds 1,001 visible matches the full read is skipped (handlers/search-ranking.ts).
-- The sample reads the matches GIN answers alone: the whole text as finished words (the document vector)
-- and, while the first word is being typed, that word as a title prefix (the title words); any subset
-- of the matches is proof enough. The anonymous reader's "more for signed-in partners" looks for a
-- non-public match in the sample first, through the same indexes.
-- The handler spells the predicate exactly as below (`searchBounds.sampleMask` = 7), and the anonymous
-- audience as 017's public predicate, so the planner can prove these partial indexes apply.
CREATE INDEX article_search_sample_search ON article_search USING gin (search) WHERE (hashtext(id) & 7) = 0;
CREATE INDEX article_search_sample_title_words ON article_search USING gin (title_words) WHERE (hashtext(id) & 7) = 0;
CREATE INDEX article_search_public_sample_search ON article_search USING gin (search)
  WHERE (hashtext(id) & 7) = 0 AND min_tier_rank = 0 AND roles = '{}'::text[];
CREATE INDEX article_search_public_sample_title_words ON article_search USING gin (title_words)
  WHERE (hashtext(id) & 7) = 0 AND min_tier_rank = 0 AND roles = '{}'::text[];
