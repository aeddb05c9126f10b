// Type test for `confab/react` and `confab/jsx`: compiled, never run (react-dom is not installed here).
// `npm test` compiles it (step "types"): npx tsc -p test/browser/tsconfig.types.json
// Each `@ts-expect-error` is a mistake the types must catch.
import type { HTMLAttributes } from 'react';
import { ArticleSearch, CertBadge, ForumFeed, Provider, QaBox } from '../../src/react/index.js';
import { MemoryBackend } from '../../src/backends/memory/index.js';
import type { ConfabIntrinsicElements } from '../../src/types/jsx.js';

// React without the wrappers: the augmentation the README tells React 19 users to add.
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends ConfabIntrinsicElements<HTMLAttributes<HTMLElement>> {}
  }
}

const backend = new MemoryBackend();

export const wrapped = (
  <Provider backend={backend}>
    <ForumFeed category="partners" pageSize={8} compose live theme="dark"
      onConfabLoad={(e) => e.detail.what.toUpperCase()}
      onConfabThreadOpen={(e) => { e.preventDefault(); return e.detail.id; }} />
    <QaBox category="integrations" onConfabQuestionAsked={(e) => e.detail.question.title} />
    <ArticleSearch mode="inline" onConfabFeedback={(e) => e.detail.helpful === true} />
    <CertBadge org="org-northwind" layout="list" onConfabVerified={(e) => e.detail.result} />
    {/* @ts-expect-error pageSize is a number */}
    <ForumFeed pageSize="8" />
    {/* @ts-expect-error the qa-box never fires confab-verified */}
    <QaBox onConfabVerified={() => {}} />
    {/* @ts-expect-error `status` is a number */}
    <CertBadge onConfabError={(e) => e.detail.status.toUpperCase()} />
    {/* Enumerated attributes are unions, in the wrappers as in markup: */}
    <ForumFeed sort="unanswered" />
    {/* @ts-expect-error not a sort */}
    <ForumFeed sort="oldest" />
    {/* @ts-expect-error not a layout */}
    <CertBadge layout="grid" />
    {/* @ts-expect-error not a mode */}
    <ArticleSearch mode="modal" />
    {/* @ts-expect-error not a theme */}
    <QaBox theme="blue" />
  </Provider>
);

export const intrinsic = (
  <confab-provider backend={backend}>
    <confab-forum-feed page-size="8" compose live theme="auto" className="feed"
      onconfab-load={(e) => e.detail.what} onconfab-thread-open={(e) => e.detail.id} />
    <confab-cert-badge org="org-northwind" layout="list" onconfab-verified={(e) => e.detail.result} />
    {/* @ts-expect-error not a layout */}
    <confab-cert-badge layout="grid" />
    {/* @ts-expect-error not a sort */}
    <confab-forum-feed sort="oldest" />
    {/* @ts-expect-error not a mode */}
    <confab-article-search mode="modal" />
    {/* @ts-expect-error not a theme */}
    <confab-qa-box theme="blue" />
    {/* Undeclared dashed names pass (TypeScript treats them like data-*), declared ones are typed: */}
    {/* @ts-expect-error confab-load's detail has no status */}
    <confab-article-search onconfab-load={(e) => e.detail.status} />
  </confab-provider>
);

// Vue's GlobalComponents props: `@confab-thread-open` is typed as `onConfabThreadOpen`.
import type { ConfabVueProps } from '../../src/types/jsx.js';
export const vueProps: ConfabVueProps<'confab-forum-feed'> = {
  'page-size': 8,
  onConfabThreadOpen: (e) => e.detail.id,
  // @ts-expect-error the feed never fires confab-verified
  onConfabVerified: () => {},
};
export const vueSort: ConfabVueProps<'confab-forum-feed'> = {
  sort: 'top',
};
export const vueBadSort: ConfabVueProps<'confab-forum-feed'> = {
  // @ts-expect-error not a sort
  sort: 'oldest',
};
