// `cem analyze` (in `npm run build`) reads this file. The analyzer documents what each element's own
// JSDoc says; these plugins add what lives elsewhere in the source, so custom-elements.json is
// complete for IDEs, Storybook autodocs and framework typings:
//  - every element that includes the shared `tokens` styles lists every token documented there;
//  - each event's `type` is its `CustomEvent<detail>` from src/core/events.ts;
//  - attribute and property types that name an enumeration (`Theme`, `FeedSort`, …) become the
//    union of its values, which an IDE can show without resolving the name.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const read = (path) => readFileSync(path, 'utf8');
const parse = (path) => ts.createSourceFile(path, read(path), ts.ScriptTarget.Latest, true);
const elementsOf = (manifest) =>
  manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.customElement).map((d) => ({ module: m, el: d })));

/** `@cssprop --confab-x - What it does. Default: 15px.` lines of src/styles/tokens.ts. */
function sharedTokens() {
  const tokens = [...read('src/styles/tokens.ts').matchAll(/@cssprop\s+(--confab-[\w-]+)\s+-\s+(.+)$/gm)].map(([, name, text]) => {
    const m = /^(.*?)\s*Default: (.+?)\.?$/.exec(text);
    return m ? { name, description: m[1], default: m[2] } : { name, description: text.trim() };
  });
  return {
    name: 'confab-shared-tokens',
    packageLinkPhase({ customElementsManifest }) {
      for (const { module, el } of elementsOf(customElementsManifest)) {
        if (!/import\s*\{[^}]*\btokens\b[^}]*\}\s*from\s*'[./]+\/styles\/tokens\.js'/.test(read(module.path))) continue;
        const own = new Map((el.cssProperties ?? []).map((p) => [p.name, p]));
        // The element's own line says what the token colours in that element; the shared line fills the rest.
        const shared = tokens.map((t) => ({ ...t, ...own.get(t.name), ...(t.default ? { default: t.default } : {}) }));
        const extra = (el.cssProperties ?? []).filter((p) => !tokens.some((t) => t.name === p.name));
        el.cssProperties = [...shared, ...extra];
      }
    },
  };
}

/** The `detail` type of each event, from `interface ConfabEventDetails` in src/core/events.ts. */
function eventTypes() {
  const details = new Map();
  const visit = (node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === 'ConfabEventDetails') {
      for (const m of node.members) if (ts.isPropertySignature(m) && m.type) details.set(m.name.text, m.type.getText());
    }
    ts.forEachChild(node, visit);
  };
  visit(parse('src/core/events.ts'));
  return {
    name: 'confab-event-types',
    packageLinkPhase({ customElementsManifest }) {
      for (const { el } of elementsOf(customElementsManifest)) {
        for (const e of el.events ?? []) {
          if (!details.has(e.name)) throw new Error(`${el.tagName} fires ${e.name}, which src/core/events.ts does not declare`);
          e.type = { text: `CustomEvent<${details.get(e.name)}>` };
        }
      }
    },
  };
}

/** `export const X = ['a', 'b'] as const` with `export type T = (typeof X)[number]`, anywhere in src/. */
function enumUnions() {
  const aliases = new Map();
  const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
  for (const file of files('src')) {
    const lists = new Map();
    const types = [];
    for (const st of parse(file).statements) {
      if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          let init = d.initializer;
          while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) init = init.expression;
          if (init && ts.isArrayLiteralExpression(init) && init.elements.length && init.elements.every(ts.isStringLiteral)) {
            lists.set(d.name.getText(), init.elements.map((s) => `'${s.text}'`).join(' | '));
          }
        }
      }
      // (typeof X)[number]
      if (ts.isTypeAliasDeclaration(st) && ts.isIndexedAccessTypeNode(st.type)) {
        const obj = ts.isParenthesizedTypeNode(st.type.objectType) ? st.type.objectType.type : st.type.objectType;
        if (ts.isTypeQueryNode(obj) && st.type.indexType.getText() === 'number') types.push([st.name.text, obj.exprName.getText()]);
      }
    }
    for (const [type, list] of types) {
      if (!lists.has(list)) continue;
      if (aliases.has(type) && aliases.get(type) !== lists.get(list)) throw new Error(`two enumerations are called ${type}`);
      aliases.set(type, lists.get(list));
    }
  }
  const expand = (type) => type && { ...type, text: type.text.split('|').map((t) => aliases.get(t.trim()) ?? t.trim()).join(' | ') };
  return {
    name: 'confab-enum-unions',
    packageLinkPhase({ customElementsManifest }) {
      for (const { el } of elementsOf(customElementsManifest)) {
        for (const a of el.attributes ?? []) a.type = expand(a.type);
        for (const m of el.members ?? []) if (m.kind === 'field') m.type = expand(m.type);
      }
    },
  };
}

export default {
  plugins: [sharedTokens(), eventTypes(), enumUnions()],
};
