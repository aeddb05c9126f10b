-- Issue 13: follows, the transactional outbox, notifications, delivery preferences, per-channel
-- deliveries (email, webhooks), event-stream tickets and webhook endpoints.

-- What a partner watches or has muted. `auto` marks a follow the server made (starting or answering a topic).
CREATE TABLE follows (
  person_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('thread', 'question', 'category', 'tag')),
  target_id text NOT NULL,
  level text NOT NULL CHECK (level IN ('watching', 'muted')),
  auto boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, kind, target_id)
);
-- The fan-out reads the followers of one topic.
CREATE INDEX follows_target ON follows (kind, target_id, level);

-- The transactional outbox: one row per event, written in the transaction of the write that causes
-- it, fanned out later by the worker (notify.ts). Nothing is lost (it commits with the post) and the
-- request never waits for the fan-out.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  event text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'parked')),
  attempts integer NOT NULL DEFAULT 0,
  run_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_due ON outbox (run_at, id) WHERE status = 'pending';

-- In-app notifications. One per (recipient, source event): a post that both replies to a watched
-- thread and mentions you, or a mention kept through edits, notifies once.
CREATE TABLE notifications (
  id text PRIMARY KEY,
  recipient_id text NOT NULL,
  event_key text NOT NULL,
  type text NOT NULL,
  actor_id text NOT NULL,
  target_kind text NOT NULL,
  target_id text NOT NULL,
  target_title text NOT NULL,
  post_id text,
  excerpt text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  UNIQUE (recipient_id, event_key)
);
CREATE INDEX notifications_recipient ON notifications (recipient_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE read_at IS NULL;

-- A partner's delivery mode per notification type; a missing row is the default (notify.ts).
CREATE TABLE notification_preferences (
  person_id text NOT NULL,
  type text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('inapp', 'email', 'daily', 'weekly', 'off')),
  PRIMARY KEY (person_id, type)
);

-- Sends outside the database (an email, a webhook call): exactly once per (channel, recipient, event)
-- thanks to the unique key, claimed by workers with FOR UPDATE SKIP LOCKED, retried with backoff and
-- parked after the last attempt.
CREATE TABLE deliveries (
  id text PRIMARY KEY,
  channel text NOT NULL,
  recipient text NOT NULL,
  event_key text NOT NULL,
  event text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'parked')),
  attempts integer NOT NULL DEFAULT 0,
  run_at timestamptz NOT NULL DEFAULT now(),
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  UNIQUE (channel, recipient, event_key)
);
CREATE INDEX deliveries_due ON deliveries (run_at, id) WHERE status = 'pending';
CREATE INDEX deliveries_recipient ON deliveries (recipient, created_at DESC, id DESC);

-- Single-use tickets for the event streams (only their SHA-256 is kept), valid for a minute.
CREATE TABLE live_tickets (
  hash text PRIMARY KEY,
  claims jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE webhooks (
  id text PRIMARY KEY,
  url text NOT NULL,
  events text[] NOT NULL,
  secret text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
