// Edit revisions: before an edit changes a thread, post, question or answer, its current title and
// body are kept here, so moderators can read what was there before.
import type { ContentRef, Revision, RevisionList } from '../../../src/contract/index.js';
import type { Queryable } from '../db.js';
import type { AuthorColumns } from '../rows.js';
import { iso, newId } from '../text.js';
import { AUTHOR_COLS, author } from '../handlers/common.js';
import { loadItem } from './content.js';

/** Keeps the version an edit is about to replace. `title` only for threads and questions. */
export async function keepRevision(q: Queryable, ref: ContentRef, editorId: string, old: { title: string | null; body: string }) {
  await q.query(`INSERT INTO revisions (id, target_kind, target_id, editor_id, title, body) VALUES ($1, $2, $3, $4, $5, $6)`, [
    newId('rv'), ref.kind, ref.id, editorId, old.title, old.body,
  ]);
}

interface RevisionRow extends AuthorColumns {
  id: string;
  target_kind: ContentRef['kind'];
  target_id: string;
  title: string | null;
  body: string;
  edited_at: Date;
}

/** The revisions of an item that exists, newest first. */
export async function revisionsOf(q: Queryable, ref: ContentRef): Promise<RevisionList> {
  await loadItem(q, ref);
  const { rows } = await q.query<RevisionRow>(
    `SELECT r.*, r.editor_id AS author_id, ${AUTHOR_COLS} FROM revisions r JOIN people p ON p.id = r.editor_id
     WHERE r.target_kind = $1 AND r.target_id = $2 ORDER BY r.edited_at DESC, r.id DESC`,
    [ref.kind, ref.id],
  );
  return {
    items: rows.map((r): Revision => ({
      id: r.id, target: { kind: r.target_kind, id: r.target_id }, editor: author(r), title: r.title, body: r.body, editedAt: iso(r.edited_at),
    })),
  };
}
