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

-- Title candidates are ranked from the title vectors of every title match, so those must be read from
-- the heap row itself. With `toast_tuple_target = 128` (013), a row over 2 KB had its title vectors
-- moved out of line too (MAIN storage only means "last"), and ranking the 15,000 title matches of a
-- prefix like "firew" at 100k read 38,000 buffers, most of them TOAST. PLAIN keeps the title columns in
-- the row (they are small); the body vector still leaves a row that would pass 2 KB. CLUSTER rewrites
-- every row under the new storage (and lays the table out newest first, which is also the order the
-- recency candidates are read in); it runs inside the migration's transaction, as a single-table CLUSTER may.
ALTER TABLE article_search ALTER COLUMN title SET STORAGE PLAIN, ALTER COLUMN title_search SET STORAGE PLAIN,
  ALTER COLUMN title_words SET STORAGE PLAIN;
CLUSTER article_search USING article_search_recent;
ANALYZE article_search;
