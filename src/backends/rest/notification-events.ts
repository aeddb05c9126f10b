import * as v from 'valibot';
import { NotificationLiveEvent } from '../../contract/notifications.js';
import { buildUrl } from './url.js';

/**
 * Opens the caller's own Server-Sent Events stream (`/v1/notifications/events`) until `signal` aborts.
 *
 * EventSource cannot send an Authorization header, and a token in a URL ends up in logs, so each
 * opening first fetches a single-use ticket (`POST /v1/live/ticket`, sent with the header by
 * `getTicket`) and passes that as `?ticket=`. When the stream closes for good (an expired ticket, a
 * restart) it is opened again with a fresh ticket after a growing pause (doubled each time, at most a
 * minute). Events that do not match the contract are ignored. Without a ticket (signed out) nothing opens.
 */
export function openNotificationEvents(
  baseUrl: string,
  getTicket: (signal: AbortSignal) => Promise<string | null>,
  onEvent: (event: NotificationLiveEvent) => void,
  signal: AbortSignal,
  backoff = 1000,
): void {
  if (typeof EventSource === 'undefined' || signal.aborted) return;
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const onMessage = (e: MessageEvent) => {
    let data: unknown;
    try {
      data = JSON.parse(String(e.data));
    } catch {
      return;
    }
    const r = v.safeParse(NotificationLiveEvent, data);
    if (r.success) onEvent(r.output);
  };

  const retry = () => {
    if (!signal.aborted) timer = setTimeout(() => void open(), Math.min(backoff * 2 ** failures++, 60_000));
  };

  const open = async () => {
    let ticket: string | null;
    try {
      ticket = await getTicket(signal);
    } catch {
      // Offline or refused: try again later; a 401 (signed out) gives up, as there is nobody to listen for.
      return retry();
    }
    if (!ticket || signal.aborted) return;
    const es = (source = new EventSource(buildUrl(baseUrl, '/v1/notifications/events', {}, { ticket })));
    // The `event:` field names the type, and named events never reach `onmessage`.
    es.addEventListener('notification.created', onMessage as EventListener);
    es.addEventListener('message', onMessage as EventListener);
    es.onopen = () => (failures = 0);
    es.onerror = () => {
      // A ticket is single-use: EventSource's own reconnection would present a spent one, so reopen ourselves.
      es.close();
      retry();
    };
  };

  signal.addEventListener('abort', () => (clearTimeout(timer), source?.close()), { once: true });
  void open();
}
