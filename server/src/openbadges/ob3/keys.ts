// The issuer's OB 3.0 keys: generated on first use, stored in ob3_keys, then read back on every start,
// so that credentials signed before a restart still verify against the published did:web key. The
// newest key signs; every key in the table stays published, so a key rotated in by hand (a newer row)
// leaves the credentials signed with the older ones verifiable.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Db } from '../../db.js';

/** RS256: OB 3.0 requires every verifier to accept it ("MUST be RS256 as a minimum"). */
export const OB3_ALG = 'RS256';

export interface PublishedKey {
  /** The JWK thumbprint: the fragment of the key's DID URL. */
  id: string;
  /** The public half, without `kid` (the DID URL depends on the origin it is served from). */
  publicJwk: JWK;
}

export interface IssuerKey extends PublishedKey {
  alg: string;
  privateKey: CryptoKey;
}

export interface IssuerKeys {
  /** The newest key: it signs everything issued from now on. */
  signing: IssuerKey;
  /** Every key, newest first: the did:web document and the JWKS list them all. */
  published: PublishedKey[];
}

interface KeyRow {
  id: string;
  alg: string;
  public_jwk: string;
  private_jwk: string;
}

// Serialises first-time generation between processes sharing one PostgreSQL (see migrate.ts for 7262001).
const KEY_LOCK = 7262005;
const loaded = new WeakMap<Db, Promise<IssuerKeys>>();

async function fromRows(rows: KeyRow[]): Promise<IssuerKeys> {
  const [newest] = rows;
  const privateKey = (await importJWK(JSON.parse(newest.private_jwk) as JWK, newest.alg)) as CryptoKey;
  const published = rows.map((r) => ({ id: r.id, publicJwk: JSON.parse(r.public_jwk) as JWK }));
  return { signing: { ...published[0], alg: newest.alg, privateKey }, published };
}

async function loadOrCreate(db: Db): Promise<IssuerKeys> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK]);
    const { rows } = await tx.query<KeyRow>('SELECT id, alg, public_jwk, private_jwk FROM ob3_keys ORDER BY created_at DESC, id');
    if (rows.length) return fromRows(rows);
    const pair = await generateKeyPair(OB3_ALG, { extractable: true, modulusLength: 2048 });
    const pub = await exportJWK(pair.publicKey);
    const publicJwk: JWK = { kty: pub.kty, n: pub.n, e: pub.e, alg: OB3_ALG, use: 'sig' };
    const id = await calculateJwkThumbprint(publicJwk);
    const row: KeyRow = { id, alg: OB3_ALG, public_jwk: JSON.stringify(publicJwk), private_jwk: JSON.stringify(await exportJWK(pair.privateKey)) };
    await tx.query('INSERT INTO ob3_keys (id, alg, public_jwk, private_jwk) VALUES ($1, $2, $3, $4)', [row.id, row.alg, row.public_jwk, row.private_jwk]);
    return fromRows([row]);
  });
}

/** The issuer's keys for this database, loaded once per process (a rotation takes effect on restart). */
export function issuerKeys(db: Db): Promise<IssuerKeys> {
  let p = loaded.get(db);
  if (!p) {
    p = loadOrCreate(db);
    loaded.set(db, p);
    // A failure (database down) is not remembered: the next request tries again.
    p.catch(() => loaded.get(db) === p && loaded.delete(db));
  }
  return p;
}
