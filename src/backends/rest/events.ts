import * as v from 'valibot';
import { LIVE_EVENT_TYPES, LiveEvent } from '../../contract/events.js';
import { buildUrl } from './url.js';

/**
 * Opens the contract's Server-Sent Events stream (`/v1/events`) until `signal` aborts.
 *
 * EventSource cannot send an Authorization header, so a token, when there is one, travels as
 * `?access_token=`. Servers must accept it there for this path only and keep it out of their access
 * logs. Without a token the stream is anonymous. Events whose data does not match `LiveEvent` are
 * ignored; EventSource reconnects by itself after a dropped connection.
 */
export function openEvents(
  baseUrl: string,
  token: Promise<string | null>,
  onEvent: (event: LiveEvent) => void,
  signal: AbortSignal,
): void {
  if (typeof EventSource === 'undefined') return;
  void token
    .catch(() => null)
    .then((t) => {
      if (signal.aborted) return;
      const source = new EventSource(buildUrl(baseUrl, '/v1/events', {}, { access_token: t ?? undefined }));
      const onMessage = (e: MessageEvent) => {
        let data: unknown;
        try {
          data = JSON.parse(String(e.data));
        } catch {
          return;
        }
        const r = v.safeParse(LiveEvent, data);
        if (r.success) onEvent(r.output);
      };
      // The `event:` field names the type, and named events never reach `onmessage`.
      for (const type of ['message', ...LIVE_EVENT_TYPES]) source.addEventListener(type, onMessage as EventListener);
      signal.addEventListener('abort', () => source.close(), { once: true });
    });
}
