// plainText skips the passes whose pattern cannot match (server/src/text.ts): the result must be the one
// the whole chain of passes gives, for Markdown with every construct it handles and for arbitrary text
// made of the characters those patterns look for.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { plainText } from '../../server/src/text.js';

/** Every pass, always: the chain as it was before the skips. */
const everyPass = (md: string) =>
  md
    .replace(/```[^\n]*\n([\s\S]*?)```/g, '$1')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/(\*\*|__|\*|_|`|~~)/g, '')
    .replace(/\|/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

test('plainText gives what every pass gives', () => {
  const samples = [
    '# Integrating Acme with Okta SSO\n\nA failed health check.\n\n## Steps\n\n1. First.\n2. Second.\n\n**Note:** this applies.',
    'Before\n\n```bash\nconfab --deploy\n```\n\nAfter, `inline` and a [link](https://x.example) and ![an image](x.png).',
    '> quoted\n- item\n\n| a | b |\n|---|---|\n| 1 | 2 |\nSome <b>html</b>, __bold__, ~~struck~~, *em*.',
    'An image alt with a tag: ![a <i>b</i>](x.png) then | pipe',
    'plain words only',
    '',
  ];
  for (const s of samples) assert.equal(plainText(s), everyPass(s), JSON.stringify(s));
  const markdownish = fc.string({ unit: fc.constantFrom('`', '`', '!', '[', ']', '(', ')', '<', '>', '*', '_', '~', '|', '#', '-', '+', '1', '.', ' ', '\n', 'a', 'b'), maxLength: 60 });
  fc.assert(fc.property(markdownish, (s) => plainText(s) === everyPass(s)), { seed: 18, numRuns: 2000 });
});
