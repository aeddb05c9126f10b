// Screenshot page for the @mention popup: the qa-box ask form with Aiko signed in (MemoryBackend).
import '../../src/elements/qa-box/define.js';
import '../../src/elements/provider/define.js';
import { MemoryBackend, meFor } from '../../src/backends/memory/index.js';
const provider = document.createElement('confab-provider') as HTMLElement & { backend: unknown };
provider.backend = new MemoryBackend({ me: meFor('u-aiko') });
provider.append(document.createElement('confab-qa-box'));
document.body.append(provider);
