-- Issue 13, email: where a partner's mail goes and in which language, and which notifications a
-- digest has already carried.

-- The address from the token's verified `email` claim (never an unverified one), and the locale
-- (the token's `locale` claim or the request's Accept-Language) the mails are written in.
ALTER TABLE people ADD COLUMN mail_to text;
ALTER TABLE people ADD COLUMN locale text;

-- The digest (e.g. 'daily:2026-12-05') that carried a notification; NULL while none has. A digest
-- sender claims its notifications by setting this, so a notification is in one digest only.
ALTER TABLE notifications ADD COLUMN digest_key text;
CREATE INDEX notifications_undigested ON notifications (recipient_id, created_at) WHERE digest_key IS NULL;
