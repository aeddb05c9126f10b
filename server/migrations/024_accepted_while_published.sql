-- A question is accepted only while its accepted answer is published (audit finding 1).
--
-- Hiding (or holding) the accepted answer used to leave the question marked accepted everywhere: in
-- the lists, the detail (with the hidden answer's id), similar questions (with the accepted head start
-- of question_search.answered), CSAT eligibility, the staff statistics and the insights rollups. A
-- restore must bring the acceptance back, so the asker's choice is kept apart from what counts:
--
--   chosen_answer_id    the answer the asker (or a moderator) accepted, kept while it is held or hidden;
--   accepted_answer_id  that answer while it is published, else NULL: what every list, count, search
--                       table and rollup already reads, so they all follow the answer's status at once.
--
-- Writers keep writing accepted_answer_id (accept, un-accept on a delete, the seeds, bulk loads): a
-- write that changes it is a new choice and is copied to chosen_answer_id as it is (acceptAnswer only
-- accepts a published answer; a question row may be loaded before its answers). A status change or a
-- delete of the chosen answer touches the question (both columns listed, neither changed), and a touch
-- recomputes accepted_answer_id from the chosen answer's status. Because the touch lists
-- accepted_answer_id, the column triggers on it (question_search_update, migration 013) fire too, and
-- the statement triggers of the insights rollups (012, 015) see the change in their transition tables.
-- The detail read (handlers/questions.ts) shows chosen_answer_id to whoever may read that answer: its
-- author and moderators still see which answer was accepted.
ALTER TABLE questions ADD COLUMN chosen_answer_id text;
-- Backfill, part one (before the triggers): every stored acceptance is the choice, unless its answer is gone.
UPDATE questions q SET chosen_answer_id = CASE WHEN EXISTS (SELECT 1 FROM answers a WHERE a.id = q.accepted_answer_id) THEN q.accepted_answer_id END
 WHERE q.accepted_answer_id IS NOT NULL;

CREATE FUNCTION questions_accepted_while_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.accepted_answer_id IS DISTINCT FROM OLD.accepted_answer_id THEN
    NEW.chosen_answer_id := NEW.accepted_answer_id;
    RETURN NEW;
  END IF;
  -- A touch: the chosen answer's status changed, or it was deleted (then the choice goes too).
  IF NOT EXISTS (SELECT 1 FROM answers WHERE id = NEW.chosen_answer_id) THEN
    NEW.chosen_answer_id := NULL;
  END IF;
  NEW.accepted_answer_id := CASE WHEN EXISTS (SELECT 1 FROM answers WHERE id = NEW.chosen_answer_id AND status = 'published')
    THEN NEW.chosen_answer_id END;
  RETURN NEW;
END $$;
CREATE TRIGGER questions_accepted_while_published BEFORE INSERT OR UPDATE OF accepted_answer_id, chosen_answer_id ON questions
  FOR EACH ROW EXECUTE FUNCTION questions_accepted_while_published();

CREATE FUNCTION answers_touch_chosen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- OLD.question_id is NEW's on an update; on a question's own delete (cascade) the row is gone already.
  UPDATE questions SET accepted_answer_id = accepted_answer_id, chosen_answer_id = chosen_answer_id
   WHERE id = OLD.question_id AND chosen_answer_id = OLD.id;
  RETURN NULL;
END $$;
CREATE TRIGGER answers_status_touches_chosen AFTER UPDATE OF status ON answers
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION answers_touch_chosen();
CREATE TRIGGER answers_delete_touches_chosen AFTER DELETE ON answers
  FOR EACH ROW EXECUTE FUNCTION answers_touch_chosen();

-- Backfill, part two: a touch of each question whose choice is not published clears accepted_answer_id,
-- which refreshes question_search and the insights rollups through their own triggers.
UPDATE questions q SET accepted_answer_id = accepted_answer_id, chosen_answer_id = chosen_answer_id
 WHERE q.accepted_answer_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.id = q.accepted_answer_id AND a.status = 'published');
