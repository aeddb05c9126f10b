// The issuer's OB 3.0 signing key: generated on first use, stored in ob3_keys, then read back on every
// start, so that credentials signed before a restart still verify against the published did:web key.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Db } from '../../db.js';

/** RS256: OB 3.0 requires every verifier to accept it ("MUST be RS256 as a minimum"). */
export const OB3_ALG = 'RS256';

export interface IssuerKey {
  /** The JWK thumbprint: the fragment of the key's DID URL. */
  id: string;
  alg: string;
  /** The public half, without `kid` (the DID URL depends on the origin it is served from). */
  publicJwk: JWK;
  privateKey: CryptoKey;
}

interface KeyRow {
  id: string;
  alg: string;
  public_jwk: string;
  private_jwk: string;
}

// Serialises first-time generation between processes sharing one PostgreSQL (see migrate.ts for 7262001).
const KEY_LOCK = 7262005;
const loaded = new WeakMap<Db, Promise<IssuerKey>>();

async function fromRow(r: KeyRow): Promise<IssuerKey> {
  const privateKey = (await importJWK(JSON.parse(r.private_jwk) as JWK, r.alg)) as CryptoKey;
  return { id: r.id, alg: r.alg, publicJwk: JSON.parse(r.public_jwk) as JWK, privateKey };
}

async function loadOrCreate(db: Db): Promise<IssuerKey> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [KEY_LOCK]);
    const { rows } = await tx.query<KeyRow>('SELECT id, alg, public_jwk, private_jwk FROM ob3_keys ORDER BY created_at DESC, id LIMIT 1');
    if (rows[0]) return fromRow(rows[0]);
    const pair = await generateKeyPair(OB3_ALG, { extractable: true, modulusLength: 2048 });
    const pub = await exportJWK(pair.publicKey);
    const publicJwk: JWK = { kty: pub.kty, n: pub.n, e: pub.e, alg: OB3_ALG, use: 'sig' };
    const id = await calculateJwkThumbprint(publicJwk);
    const row: KeyRow = { id, alg: OB3_ALG, public_jwk: JSON.stringify(publicJwk), private_jwk: JSON.stringify(await exportJWK(pair.privateKey)) };
    await tx.query('INSERT INTO ob3_keys (id, alg, public_jwk, private_jwk) VALUES ($1, $2, $3, $4)', [row.id, row.alg, row.public_jwk, row.private_jwk]);
    return fromRow(row);
  });
}

/** The issuer's key for this database, loaded once per process. */
export function issuerKey(db: Db): Promise<IssuerKey> {
  let p = loaded.get(db);
  if (!p) {
    p = loadOrCreate(db);
    loaded.set(db, p);
    // A failure (database down) is not remembered: the next request tries again.
    p.catch(() => loaded.get(db) === p && loaded.delete(db));
  }
  return p;
}
