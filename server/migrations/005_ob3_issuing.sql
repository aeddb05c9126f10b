-- Open Badges 3.0 issuing. The issuer's signing key is generated once and kept here, so that a
-- restart (or a second process) signs with the key its did:web document already publishes.
-- id is the key's JWK thumbprint, also the fragment of its DID URL.
CREATE TABLE ob3_keys (
  id text PRIMARY KEY,
  alg text NOT NULL,
  public_jwk text NOT NULL,
  private_jwk text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Each certification's bit in the revocation status list (W3C Bitstring Status List). Indexes are
-- never reused: a bit once handed out belongs to that credential for good.
CREATE SEQUENCE certification_status_index MINVALUE 0 START 0;
ALTER TABLE certifications ADD COLUMN status_index integer;
WITH ordered AS (SELECT id, (row_number() OVER (ORDER BY issued_on, id) - 1)::integer AS n FROM certifications)
UPDATE certifications c SET status_index = o.n FROM ordered o WHERE o.id = c.id;
SELECT setval('certification_status_index', COALESCE((SELECT max(status_index) + 1 FROM certifications), 0), false);
ALTER TABLE certifications ALTER COLUMN status_index SET DEFAULT nextval('certification_status_index');
ALTER TABLE certifications ALTER COLUMN status_index SET NOT NULL;
CREATE UNIQUE INDEX certifications_status_index ON certifications (status_index);
