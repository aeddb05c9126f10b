// Shared by the OB 3.0 tests: the 1EdTech schema validator, fixtures, and fetchers for the shared verifier.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import type { FetchText } from '../../src/openbadges/ob3/index.js';
import type { ConfabApp } from '../../server/src/app.js';

export const FIXTURES = new URL('./fixtures/ob3/', import.meta.url);
export const fixture = <T = Record<string, any>>(name: string): T => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;

// ajv-formats is CommonJS; under tsx its default export may arrive wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

/**
 * The 1EdTech OB 3.0 AchievementCredential schema (JSON Schema 2019-09). strict: false because the
 * published schema uses a 2-item `items` tuple with `additionalItems` for `@context`, which ajv's
 * strict mode rejects as a style warning; validation itself is unaffected.
 */
export function achievementCredentialValidator() {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(fixture('ob_v3p0_achievementcredential_schema.json'));
}

/** A FetchText that answers from an in-process Confab app, whatever the scheme (did:web says https). */
export function appFetch(app: ConfabApp, log: string[] = []): FetchText {
  return async (url, { accept }) => {
    log.push(url);
    const r = await app.app.request(url, { headers: { accept } });
    return { status: r.status, url, body: await r.text() };
  };
}

/** A FetchText over a fixed map of documents: a foreign issuer's site. Unknown URLs answer 404. */
export function mapFetch(docs: Record<string, unknown>, log: string[] = []): FetchText {
  return async (url) => {
    log.push(url);
    if (!(url in docs)) return { status: 404, url, body: 'not found' };
    const d = docs[url];
    return { status: 200, url, body: typeof d === 'string' ? d : JSON.stringify(d) };
  };
}

/** Reads a Bitstring Status List bit with Node's own zlib: an independent check of the shared decoder. */
export function statusBitWithZlib(encodedList: string, index: number): boolean {
  const bits = gunzipSync(Buffer.from(encodedList.replace(/^u/, ''), 'base64url'));
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}
