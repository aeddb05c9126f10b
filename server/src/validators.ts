// Entity tags shared by the two places that answer conditional GETs: the ETag middleware and
// `jsonWithEtag` (API reads, middlewares/etag.ts) and the static files (static.ts).
import * as crypto from 'node:crypto';

type OneShotHash = (algorithm: string, data: string | Buffer, encoding: 'base64url') => string;
// One-shot `crypto.hash` (Node 20.12+) gives the same digest as `createHash` without a Hash stream
// object per response (issue 18); package.json promises Node 20, so older 20.x take the stream.
const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash;
const sha256 = (body: string | Buffer): string =>
  oneShot ? oneShot('sha256', body, 'base64url') : crypto.createHash('sha256').update(body).digest('base64url');

/** A strong tag: 27 characters of the body's SHA-256 (160 bits). */
export const contentTag = (body: string | Buffer): string => `"${sha256(body).slice(0, 27)}"`;

/** If-None-Match names `tag` (weak comparison, RFC 9110 13.1.2), or is `*`. */
export const namesTag = (ifNoneMatch: string | undefined, tag: string): boolean =>
  !!ifNoneMatch && ifNoneMatch.split(',').some((t) => (t = t.trim()) === '*' || t.replace(/^W\//, '') === tag);
