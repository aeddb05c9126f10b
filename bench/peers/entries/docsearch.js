// Peer for <confab-article-search>: DocSearch, keyword-only entry (no Ask AI), as its README shows.
import docsearch from '@docsearch/js/docsearch';

docsearch({ container: '#docsearch', appId: 'BENCH00000', apiKey: 'bench-search-only-key', indices: ['confab-kb'] });
