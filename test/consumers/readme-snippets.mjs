// The README's code blocks that claim a typed language, extracted so the consumer projects can
// typecheck them as an adopter would paste them.
//
// Convention for a block that is a fragment (it uses a name the page would define, such as `portal`
// or `router`): an HTML comment right before the fence, invisible on npm and GitHub, whose first line
// is `<!-- readme-check` with optional `consumer=<name>`, and whose other lines are code put before
// the block (the preamble):
//
//   <!-- readme-check consumer=react
//   declare const portal: { jwt(): string };
//   -->
//   ```ts
//
// Every block tagged ts, typescript, tsx, vue or svelte is checked; there is no way to skip one.
import { readFileSync } from 'node:fs';

export const CHECKED = new Set(['ts', 'typescript', 'tsx', 'vue', 'svelte']);
/** Where a block goes when its comment names no consumer. Svelte markup is checked as JSX (see svelte-markup.d.ts). */
const DEFAULT_CONSUMER = { ts: 'vanilla', typescript: 'vanilla', tsx: 'react', vue: 'vue', svelte: 'react' };
const CONSUMERS = new Set(['vanilla', 'react', 'vue']);

/** @returns {{ line: number, lang: string, consumer: string, preamble: string, code: string }[]} */
export function readmeSnippets(text) {
  const lines = text.split('\n');
  const snippets = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\S*)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`README.md line ${i + 1}: code block never closed`);
    const lang = fence[1].toLowerCase();
    if (CHECKED.has(lang)) {
      const { consumer, preamble } = commentBefore(lines, i);
      const target = consumer ?? DEFAULT_CONSUMER[lang];
      if (!CONSUMERS.has(target)) throw new Error(`README.md line ${i + 1}: consumer=${target} is not one of ${[...CONSUMERS].join(', ')}`);
      snippets.push({ line: i + 1, lang, consumer: target, preamble, code: lines.slice(i + 1, end).join('\n') });
    }
    i = end;
  }
  return snippets;
}

/** The `<!-- readme-check … -->` comment ending on the line before the fence, if any. */
function commentBefore(lines, fenceIndex) {
  const close = fenceIndex - 1;
  if (close < 0 || lines[close].trim() !== '-->') return { consumer: undefined, preamble: '' };
  let open = close - 1;
  while (open >= 0 && !lines[open].startsWith('<!--')) open--;
  const head = /^<!-- readme-check((?:\s+\w+=\S+)*)\s*$/.exec(lines[open] ?? '');
  if (!head) throw new Error(`README.md line ${open + 1}: a comment right before a checked block must start with "<!-- readme-check"`);
  const options = Object.fromEntries(head[1].trim().split(/\s+/).filter(Boolean).map((kv) => kv.split('=')));
  for (const key of Object.keys(options)) if (key !== 'consumer') throw new Error(`README.md line ${open + 1}: unknown option ${key}`);
  return { consumer: options.consumer, preamble: lines.slice(open + 1, close).join('\n') };
}

/**
 * The file a snippet becomes in its consumer, and how many lines precede the README's first line of
 * the block in it (to turn a compiler's position back into a README line).
 */
export function snippetFile(s) {
  const head = `// README.md line ${s.line} (${s.lang})`;
  if (s.lang === 'vue') {
    const before = ['<script setup lang="ts">', head, s.preamble, '</script>', '', '<template>'];
    return { path: `src/readme/line-${s.line}.vue`, offset: before.join('\n').split('\n').length, text: `${before.join('\n')}\n${s.code}\n</template>\n` };
  }
  if (s.lang === 'svelte') {
    // Svelte markup as JSX checked against confab/jsx's svelteHTML.IntrinsicElements: the script's
    // code first, then the markup as one fragment. Svelte blocks ({#if}, on:click) are not JSX.
    const script = /^<script lang="ts">([\s\S]*?)<\/script>\n?/.exec(s.code);
    if (!script) throw new Error(`README.md line ${s.line}: a svelte block must start with <script lang="ts">…</script>`);
    const markup = s.code.slice(script[0].length);
    if (/\{[#:/@]|\s(on|bind|class|use|transition):/.test(markup)) {
      throw new Error(`README.md line ${s.line}: this Svelte markup uses Svelte-only syntax, which only svelte-check can check; it is not installed (add svelte and svelte-check to devDependencies and check the block with it)`);
    }
    const scriptLines = script[0].split('\n').length - 1; // README lines the script takes before the markup
    const before = ['/** @jsxImportSource svelte-markup */', head, script[1], s.preamble, 'export const markup = (<>'];
    return { path: `src/readme/line-${s.line}.tsx`, offset: before.join('\n').split('\n').length - scriptLines, text: `${before.join('\n')}\n${markup}\n</>);\n` };
  }
  const before = [head, s.preamble];
  const ext = s.lang === 'tsx' ? 'tsx' : 'ts';
  return { path: `src/readme/line-${s.line}.${ext}`, offset: before.join('\n').split('\n').length, text: `${before.join('\n')}\n${s.code}\nexport {};\n` };
}

export const readReadme = () => readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
