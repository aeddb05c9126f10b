// The issuer's OB 3.0 keys: generated on first use, stored in ob3_keys, then read back on every start,
// so that credentials signed before a restart still verify against the published did:web key. The
// newest key signs; every key in the table stays published, so a key rotated in by hand (a newer row)
// leaves the credentials signed with the older ones verifiable.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Db } from '../../db.js';
import { DamagedRowError, KeySealError, toStored, type SealedColumn } from '../../seal/seal.js';
import { openRow, sealPlainRows } from '../../seal/sealed-rows.js';

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

/** The private halves, sealed with CONFAB_KEY_SECRET (seal/). The salt is the one keys were first sealed with. */
export const PRIVATE_JWKS: SealedColumn = {
  table: 'ob3_keys',
  column: 'private_jwk',
  one: 'Open Badges signing key',
  many: 'Open Badges signing keys',
  salt: 'confab-ob3-keys',
  // Also serialises first-time generation between processes sharing one PostgreSQL.
  lock: 7262005,
  check: (plain, id) => void jwkOf(plain, id),
};

/** The table as one process reads it: the published keys need no secret, only signing unseals. */
interface Loaded {
  published: PublishedKey[];
  /** Newest first, as stored after this load. */
  rows: KeyRow[];
  signing?: Promise<IssuerKey>;
}

function jwkOf(text: string, id: string): JWK {
  try {
    return JSON.parse(text) as JWK;
  } catch {
    throw new DamagedRowError(`The Open Badges signing key ${id} in ob3_keys is damaged (its private key is not JSON).`);
  }
}

/** A key row's private JWK, unsealed with `secret`; any failure, a damaged plain row too, is a KeySealError. */
const privateJwkOf = (row: KeyRow, secret: string | undefined): JWK => jwkOf(openRow(PRIVATE_JWKS, { id: row.id, stored: row.private_jwk }, secret), row.id);

// Per Db object (a process) and per secret: a caller with another secret never gets a load made without it.
const loaded = new WeakMap<Db, Map<string, Promise<Loaded>>>();

async function loadOrCreate(db: Db, secret: string | undefined): Promise<Loaded> {
  const rows = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [PRIVATE_JWKS.lock]);
    // With a secret, keys stored plain (before it was set, or added by hand) are sealed now, in this
    // transaction, unless it does not open the keys sealed before (checkIssuerKeys refuses it then).
    await sealPlainRows(tx, PRIVATE_JWKS, secret);
    const { rows } = await tx.query<KeyRow>('SELECT id, alg, public_jwk, private_jwk FROM ob3_keys ORDER BY created_at DESC, id');
    if (rows.length) return rows;
    const pair = await generateKeyPair(OB3_ALG, { extractable: true, modulusLength: 2048 });
    const pub = await exportJWK(pair.publicKey);
    const publicJwk: JWK = { kty: pub.kty, n: pub.n, e: pub.e, alg: OB3_ALG, use: 'sig' };
    const id = await calculateJwkThumbprint(publicJwk);
    const privateJwk = toStored(JSON.stringify(await exportJWK(pair.privateKey)), secret, PRIVATE_JWKS);
    const row: KeyRow = { id, alg: OB3_ALG, public_jwk: JSON.stringify(publicJwk), private_jwk: privateJwk };
    await tx.query('INSERT INTO ob3_keys (id, alg, public_jwk, private_jwk) VALUES ($1, $2, $3, $4)', [row.id, row.alg, row.public_jwk, row.private_jwk]);
    return [row];
  });
  return { published: rows.map((r) => ({ id: r.id, publicJwk: JSON.parse(r.public_jwk) as JWK })), rows };
}

function load(db: Db, secret: string | undefined): Promise<Loaded> {
  let bySecret = loaded.get(db);
  if (!bySecret) loaded.set(db, (bySecret = new Map()));
  const k = secret ?? '';
  let p = bySecret.get(k);
  if (!p) {
    const made = loadOrCreate(db, secret);
    bySecret.set(k, (p = made));
    // A failure (database down) is not remembered: the next request tries again.
    made.catch(() => bySecret.get(k) === made && bySecret.delete(k));
  }
  return p;
}

/**
 * Every key, newest first, for the did:web document and the JWKS. Loaded once per process (a rotation
 * takes effect on restart). Never unseals: a missing or wrong secret must not take the public keys
 * down with it, or every credential already issued would stop verifying.
 */
export async function publishedKeys(db: Db, secret?: string): Promise<PublishedKey[]> {
  return (await load(db, secret)).published;
}

/** The newest key, which signs, its private half unsealed with `secret` (CONFAB_KEY_SECRET; seal/seal.ts). */
export async function signingKey(db: Db, secret?: string): Promise<IssuerKey> {
  const l = await load(db, secret);
  const [newest] = l.rows;
  l.signing ??= (async () => {
    const privateKey = (await importJWK(privateJwkOf(newest, secret), newest.alg)) as CryptoKey;
    return { ...l.published[0], alg: newest.alg, privateKey };
  })();
  return l.signing;
}

/** Both, as one caller: the published keys and the signing key. */
export async function issuerKeys(db: Db, secret?: string): Promise<IssuerKeys> {
  return { published: await publishedKeys(db, secret), signing: await signingKey(db, secret) };
}

/**
 * At start: keys already in the table are sealed (with a secret), and every sealed one must open with
 * it, the signing key too, so that a missing or wrong CONFAB_KEY_SECRET (or a damaged row) stops the
 * start with its message instead of failing the badge routes later, or sealing a new key under the
 * wrong secret. An empty table stays empty: the first key is made on first use, as before.
 */
export async function checkIssuerKeys(db: Db, secret?: string): Promise<void> {
  const { rows } = await db.query('SELECT 1 FROM ob3_keys LIMIT 1');
  if (!rows.length) return;
  for (const r of (await load(db, secret)).rows) privateJwkOf(r, secret);
  await signingKey(db, secret);
}
