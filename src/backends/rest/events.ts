import * as v from 'valibot';
import { ALL_LIVE_EVENT_TYPES, LiveEvent } from '../../contract/events.js';
import { buildUrl } from './url.js';

/**
 * Opens the contract's Server-Sent Events stream (`/v1/events`) until `signal` aborts.
 *
 * EventSource cannot send an Authorization header, so a token, when there is one, travels as
 * `?access_token=`. Servers must accept it there for this path only and keep it out of their access
 * logs. Without a token the stream is anonymous. Events whose data does not match `LiveEvent` are
 * ignored.
 *
 * A dropped connection is resumed by EventSource itself, which sends `Last-Event-ID`. When it gives up
 * for good (an error status such as 401, or a wrong content type) the stream is opened again after a
 * growing pause (`backoff`, doubled each time, at most a minute) with a freshly requested token and
 * `?lastEventId=`, so the server can replay what was missed either way.
 */
export function openEvents(
  baseUrl: string,
  getToken: (forceRefresh: boolean) => Promise<string | null>,
  onEvent: (event: LiveEvent) => void,
  signal: AbortSignal,
  backoff = 1000,
): void {
  if (typeof EventSource === 'undefined' || signal.aborted) return;
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  /** The last event's id: a stream opened again resumes after it (the server replays what was missed). */
  let lastEventId = '';

  const onMessage = (e: MessageEvent) => {
    if (e.lastEventId) lastEventId = e.lastEventId;
    let data: unknown;
    try {
      data = JSON.parse(String(e.data));
    } catch {
      return;
    }
    const r = v.safeParse(LiveEvent, data);
    if (r.success) onEvent(r.output);
  };

  const open = async (refresh: boolean) => {
    const token = await getToken(refresh).catch(() => null);
    if (signal.aborted) return;
    const query = { access_token: token ?? undefined, lastEventId: lastEventId || undefined };
    const es = (source = new EventSource(buildUrl(baseUrl, '/v1/events', {}, query)));
    // The `event:` field names the type, and named events never reach `onmessage`.
    for (const type of ['message', ...ALL_LIVE_EVENT_TYPES]) es.addEventListener(type, onMessage as EventListener);
    es.onopen = () => (failures = 0);
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED || signal.aborted) return;
      timer = setTimeout(() => void open(true), Math.min(backoff * 2 ** failures++, 60_000));
    };
  };

  signal.addEventListener('abort', () => (clearTimeout(timer), source?.close()), { once: true });
  void open(false);
}
