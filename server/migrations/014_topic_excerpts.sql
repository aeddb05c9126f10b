-- Issue 18, a lean request path: the excerpt of a thread or question is computed once, when its body
-- is written, instead of on every list request (which selected and detoasted every listed body and ran
-- the Markdown-to-text regexes on it per row per request). A trigger keeps it, so every writer (the
-- handlers, the seeds, bulk loads, revisions, plain SQL in tests) stays right without knowing of it.
--
-- confab_excerpt is the SQL twin of excerpt() in server/src/text.ts (test/server/excerpt.test.ts holds
-- them to the same output): headings and fenced code blocks dropped (a heading run into the next
-- paragraph read "What we have so far Audience: …"), links and images to their text, HTML tags,
-- line markers (quotes, list bullets) and emphasis marks removed, white space collapsed, then cut at a
-- word boundary near 200 characters with an ellipsis. Moderation needs nothing here: the lists that
-- show excerpts already filter on status, as before.
--
-- PostgreSQL regex notes: a whole RE is greedy or not after its first quantifier, so the code-block
-- pattern starts with the lazy `.*?`; the 'n' flag makes ^ and $ match at line ends, as JS's /m.
CREATE FUNCTION confab_excerpt(md text, max_len int DEFAULT 200) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  t text := coalesce(md, '');
  cut text;
  sp int;
BEGIN
  t := regexp_replace(t, '```.*?```', ' ', 'g');
  t := regexp_replace(t, '^[ \t]{0,3}#{1,6}[ \t].*$', '', 'gn');
  t := regexp_replace(t, '!\[([^]]*)\]\([^)]*\)', '\1', 'g');
  t := regexp_replace(t, '\[([^]]*)\]\([^)]*\)', '\1', 'g');
  t := regexp_replace(t, '<[^>]*>', ' ', 'g');
  t := regexp_replace(t, '^\s{0,3}(#{1,6}|>|[-*+]|[0-9]+\.)\s+', '', 'gn');
  t := regexp_replace(t, '(\*\*|__|\*|_|`|~~)', '', 'g');
  t := replace(t, '|', ' ');
  t := btrim(regexp_replace(t, '\s+', ' ', 'g'));
  IF length(t) <= max_len THEN RETURN t; END IF;
  cut := left(t, max_len - 1);
  sp := strpos(reverse(cut), ' ');
  -- sp counts from the end: the last space is at (1-based) length(cut) - sp + 1.
  IF sp > 0 AND length(cut) - sp > max_len * 0.6 THEN cut := left(cut, length(cut) - sp); END IF;
  RETURN cut || '…';
END $$;

CREATE FUNCTION topics_set_excerpt() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.excerpt := confab_excerpt(NEW.body);
  RETURN NEW;
END $$;

ALTER TABLE threads ADD COLUMN excerpt text NOT NULL DEFAULT '';
ALTER TABLE questions ADD COLUMN excerpt text NOT NULL DEFAULT '';
UPDATE threads SET excerpt = confab_excerpt(body);
UPDATE questions SET excerpt = confab_excerpt(body);

CREATE TRIGGER threads_excerpt BEFORE INSERT OR UPDATE OF body ON threads
  FOR EACH ROW EXECUTE FUNCTION topics_set_excerpt();
CREATE TRIGGER questions_excerpt BEFORE INSERT OR UPDATE OF body ON questions
  FOR EACH ROW EXECUTE FUNCTION topics_set_excerpt();
