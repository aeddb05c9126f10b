-- Type-ahead prefixes match article titles only: a prefix query on the GIN index of whole bodies
-- needs a recheck that detoasts every candidate (1.7 s for one prefix at 100k articles).
-- Finished words still search titles and bodies through the stemmed `search` vector.
CREATE INDEX articles_title_words ON articles USING gin (title_words);
ALTER TABLE articles DROP COLUMN words;
