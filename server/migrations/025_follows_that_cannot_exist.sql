-- Follows of a target that cannot exist, stored before path parameters were checked (issue 18's audit:
-- PUT /v1/follows/{kind}/{id} took any id): a tag over 40 characters, a category over 80, a thread or
-- question id over 128 (src/contract/path-params.ts). Nothing can ever be posted under them, and
-- GET /v1/follows would hand them out, breaking the contract's Id for the whole list, which the SDK
-- refuses as a malformed answer. So they are deleted, not kept.
DELETE FROM follows
WHERE (kind = 'tag' AND length(target_id) > 40)
   OR (kind = 'category' AND length(target_id) > 80)
   OR length(target_id) > 128;
