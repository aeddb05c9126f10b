// A plain Vite + TypeScript app, as the README's "From npm" section sets one up.
import { configure, MemoryBackend } from 'confab';
import 'confab/define/forum-feed';
import 'confab/define/article-search';

configure({ backend: new MemoryBackend() });

// The tag map comes from the define modules: these are typed elements, not bare HTMLElements.
const feed = document.createElement('confab-forum-feed');
feed.pageSize = 5;
feed.addEventListener('confab-thread-open', (e) => console.log('open', e.detail.id));
const search = document.createElement('confab-article-search');
document.querySelector('#app')!.append(search, feed);
