-- Search at 100k, continued (issue 18): indexes for the bounded candidate reads of handlers/search.ts and
-- handlers/questions.ts (similarQuestions).
--
-- Anonymous readers see only public articles (min_tier_rank 0, no roles), about a quarter of them. With
-- one index over all articles, an anonymous search built the bitmap of every match and then threw three
-- quarters of the rows away after visiting them (5,899 buffers for "sizing" at 100k). These partial
-- indexes hold the public rows only; the handler spells the anonymous audience as exactly this predicate
-- (`min_tier_rank = 0 AND roles = '{}'`), so the planner can prove it and read them.
CREATE INDEX article_search_public_search ON article_search USING gin (search) WHERE min_tier_rank = 0 AND roles = '{}'::text[];
CREATE INDEX article_search_public_title ON article_search USING gin (title_search) WHERE min_tier_rank = 0 AND roles = '{}'::text[];
CREATE INDEX article_search_public_title_words ON article_search USING gin (title_words) WHERE min_tier_rank = 0 AND roles = '{}'::text[];
CREATE INDEX article_search_public_recent ON article_search (updated_at DESC, id) WHERE min_tier_rank = 0 AND roles = '{}'::text[];

-- Similar questions no longer take trigram-nearest titles (GiST KNN read thousands of index pages per
-- keystroke over near-duplicate titles); trigram similarity is computed on the full-text candidates only.
-- Left in place, this index also let the planner answer "similar OR matching" with a bitmap over the
-- whole table instead of testing the candidates.
DROP INDEX question_search_title_trgm;
