import { expect } from '@open-wc/testing';
import type { IdentityObject } from '../../../src/contract/openbadges.js';
import { md5 } from '../../../src/openbadges/md5.js';
import { recipientMatches as matches } from '../../../src/openbadges/recipient.js';

// The shared rule with the browser's digests, as <confab-cert-badge> injects them.
const sha256 = async (text: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (b) => b.toString(16).padStart(2, '0')).join('');
const recipientMatches = (r: IdentityObject, identity: string) => matches(r, identity, { sha256, md5 });

describe('md5', () => {
  it('matches the RFC 1321 test suite', () => {
    expect(md5('')).to.equal('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5('a')).to.equal('0cc175b9c0f1b6a831c399e269772661');
    expect(md5('abc')).to.equal('900150983cd24fb0d6963f7d28e17f72');
    expect(md5('message digest')).to.equal('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5('abcdefghijklmnopqrstuvwxyz')).to.equal('c3fcd3d76192e4007dfb496cca67e13b');
    expect(md5('12345678901234567890123456789012345678901234567890123456789012345678901234567890')).to.equal('57edf4a22be3c955ac49da2e2107b67a');
  });

  it('hashes UTF-8, and inputs around the 56-byte padding boundary', () => {
    expect(md5('The quick brown fox jumps over the lazy dog')).to.equal('9e107d9d372bb6826bd81d3542a419d6');
    expect(md5('x'.repeat(55))).to.equal('04364420e25c512fd958a70738aa8f72');
    expect(md5('x'.repeat(64))).to.equal('c1bb4f81d892b2d57947682aeb252456');
    expect(md5('ü')).to.equal('c03410a5204b21cd8229ff754688d743');
  });
});

describe('recipientMatches', () => {
  const alice = 'alice@example.com';
  it('sha256, salted: hash(identity + salt)', async () => {
    const r = { type: 'email', hashed: true, salt: 'pepper-42', identity: 'sha256$b8641c4a936b0fb57c257d4579dda63cfba4b17af59e83f28fe9c4530a8aca2a' };
    expect(await recipientMatches(r, alice)).to.equal(true);
    expect(await recipientMatches(r, '  Alice@Example.com ')).to.equal(true);
    expect(await recipientMatches(r, 'mallory@example.com')).to.equal(false);
    expect(await recipientMatches({ ...r, salt: undefined }, alice)).to.equal(false);
  });

  it('sha256, unsalted, with an upper-case hex digest', async () => {
    const r = { type: 'email', hashed: true, identity: 'sha256$FF8D9819FC0E12BF0D24892E45987E249A28DCE836A85CAD60E28EAAA8C6D976' };
    expect(await recipientMatches(r, alice)).to.equal(true);
  });

  it('md5, unsalted and salted', async () => {
    expect(await recipientMatches({ type: 'email', hashed: true, identity: 'md5$4b9bb80620f03eb3719e0a061c14283d' }, 'bob@example.com')).to.equal(true);
    expect(await recipientMatches({ type: 'email', hashed: true, identity: 'md5$4b9bb80620f03eb3719e0a061c14283d' }, alice)).to.equal(false);
    expect(await recipientMatches({ type: 'email', hashed: true, salt: 'salty', identity: 'md5$d430db1cebf9ed9589cf9a47c662ec63' }, 'bob@example.com')).to.equal(true);
  });

  it('unhashed: case-insensitive email compare', async () => {
    expect(await recipientMatches({ type: 'email', hashed: false, identity: 'Bob@Example.com' }, 'bob@example.com')).to.equal(true);
    expect(await recipientMatches({ type: 'email', hashed: false, identity: 'bob@example.com' }, alice)).to.equal(false);
  });

  it('an unknown algorithm never matches', async () => {
    expect(await recipientMatches({ type: 'email', hashed: true, identity: 'sha1$abc' }, alice)).to.equal(false);
  });
});
