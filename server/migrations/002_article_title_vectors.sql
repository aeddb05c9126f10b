-- Small title-only vectors for ranking: ts_rank over the whole-body vector detoasts every matching
-- row, which dominated search time at 100k articles. Matching still uses the full vectors.
ALTER TABLE articles ADD COLUMN title_search tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, title)) STORED;
ALTER TABLE articles ADD COLUMN title_words tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, title)) STORED;
