-- Keyset paging seeks on the full sort key. `latest` has its (last_activity_at DESC, id DESC) indexes
-- from 001 and posts their (thread_id, created_at, id); `top` had none, so a deep page sorted the
-- whole table. Answers need none: a question's answers are few, and question_id narrows to them.
CREATE INDEX threads_top ON threads (score DESC, last_activity_at DESC, id DESC);
CREATE INDEX questions_top ON questions (score DESC, last_activity_at DESC, id DESC);
