// Peer for <confab-article-search>: Algolia Autocomplete (autocomplete-js) against our own endpoint,
// as a knowledge-base search box would use it. No Algolia client: Confab talks to its own backend too.
import { autocomplete } from '@algolia/autocomplete-js';

autocomplete({
  container: '#autocomplete',
  placeholder: 'Search the knowledge base',
  getSources({ query }) {
    return [{
      sourceId: 'articles',
      getItems: () => fetch(`/api/articles/search?q=${encodeURIComponent(query)}`).then((r) => r.json()).then((b) => b.items ?? []),
      getItemUrl: ({ item }) => item.url,
      templates: {
        item: ({ item, html }) => html`<a class="aa-ItemLink" href=${item.url}>${item.title}</a>`,
        noResults: () => 'No articles',
      },
    }];
  },
});
