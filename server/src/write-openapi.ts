// Writes openapi.json at the repository root (root script `npm run openapi`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildOpenApi } from './openapi.js';

const out = fileURLToPath(new URL('../../openapi.json', import.meta.url));
writeFileSync(out, JSON.stringify(buildOpenApi(), null, 2) + '\n');
console.log(`wrote ${out}`);
