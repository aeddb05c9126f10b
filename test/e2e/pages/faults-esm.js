// A vendor using the library build: a RestBackend with its own timeout (?timeout= ms) for ?api=.
import { RestBackend, configure } from '../../../dist/esm/index.js';
import '../../../dist/esm/elements/forum-feed/define.js';

const q = new URLSearchParams(location.search);
configure({ backend: new RestBackend({ baseUrl: q.get('api') ?? '/api', timeout: Number(q.get('timeout') ?? 1500) }) });
document.getElementById('box').innerHTML = '<confab-forum-feed page-size="5"></confab-forum-feed>';
