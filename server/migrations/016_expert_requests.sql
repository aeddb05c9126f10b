-- Issue 15, "notify experts": vendor staff ask the experts of a category to answer an unanswered
-- question (POST /v1/questions/{id}/notify-experts). One row per question: the standing request.
-- A request within the window (24 h) of the row notifies nobody (a double click, two staff members
-- at once); the primary key makes that hold under concurrency, since the upsert that renews an
-- expired row waits for, and then sees, a concurrent one. `recipients` is who was notified: the
-- response's count, and the outbox job's recipient list.
CREATE TABLE expert_requests (
  question_id text PRIMARY KEY REFERENCES questions(id) ON DELETE CASCADE,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  recipients text[] NOT NULL
);

