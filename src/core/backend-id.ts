import type { CommunityBackend } from '../backends/types.js';

// The interface may not declare `id`; RestBackend uses its base URL and MemoryBackend 'memory'.
const readId = (b: CommunityBackend): string | undefined => {
  const id = (b as { id?: unknown }).id;
  return typeof id === 'string' && id ? id : undefined;
};

/** The id persisted with outbox entries: the backend's own `id`, or 'default'. Stable across reloads. */
export function persistentBackendId(backend: CommunityBackend): string {
  return readId(backend) ?? 'default';
}

const anonymous = new WeakMap<CommunityBackend, string>();
let seq = 0;

/**
 * The id used to share in-flight requests and cache entries within a page. A backend without an `id`
 * gets one per object, so two different anonymous backends never share results.
 */
export function runtimeBackendId(backend: CommunityBackend): string {
  const id = readId(backend);
  if (id) return id;
  let a = anonymous.get(backend);
  if (!a) anonymous.set(backend, (a = `anon-${++seq}`));
  return a;
}
