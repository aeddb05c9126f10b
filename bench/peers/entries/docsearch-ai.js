// DocSearch's default entry (keyword search + Ask AI), as `import docsearch from '@docsearch/js'` gives.
import docsearch from '@docsearch/js';

docsearch({ container: '#docsearch', appId: 'BENCH00000', apiKey: 'bench-search-only-key', indices: ['confab-kb'] });
