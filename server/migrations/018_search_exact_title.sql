-- Search at 100k, continued (issue 18). Past 2,000 title matches the title candidates are the newest
-- few hundred (handlers/search-ranking.ts); an article whose title is the query itself ranks above them
-- all whatever its age, so it is looked up on its own, by this index.
CREATE INDEX article_search_title_lower ON article_search (lower(title));
