import * as v from 'valibot';
import { ALL_LIVE_EVENT_TYPES, LiveEvent } from '../../contract/events.js';
import { buildUrl } from './url.js';

/** Gives a single-use ticket for the caller's stream (`POST /v1/live/ticket`), or null to open it anonymously. */
export type GetTicket = (forceRefresh: boolean) => Promise<string | null>;

/** One Server-Sent Events stream of the contract: where, which `event:` names, and the schema of `data:`. */
export interface StreamSpec<T> {
  path: string;
  query?: Record<string, string | undefined>;
  types: readonly string[];
  schema: v.GenericSchema<unknown, T>;
}

/**
 * Opens one of the contract's Server-Sent Events streams until `signal` aborts.
 *
 * EventSource cannot send an Authorization header, and a token in a URL ends up in proxy and server
 * logs. So a signed-in client first trades its token, sent as a header, for a short-lived single-use
 * ticket (`getTicket`), and opens the stream with `?ticket=`: the token never appears in a URL.
 * Without a ticket the stream is anonymous. Events whose data does not match the schema are ignored.
 *
 * A dropped connection is retried by EventSource itself with `Last-Event-ID`; a ticket opens one
 * stream only, so where that retry presents a used ticket the server refuses it (401) and EventSource
 * gives up. When it gives up for good (such a 401, another error status, or a wrong content type) the
 * stream is opened again after a growing pause (`backoff`, doubled each time, at most a minute) with
 * a fresh ticket and `?lastEventId=`, so the server can replay what was missed either way.
 */
export function openStream<T>(
  baseUrl: string,
  spec: StreamSpec<T>,
  getTicket: GetTicket,
  onEvent: (event: T) => void,
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
    const r = v.safeParse(spec.schema, data);
    if (r.success) onEvent(r.output);
  };

  const open = async (refresh: boolean) => {
    const ticket = await getTicket(refresh).catch(() => null);
    if (signal.aborted) return;
    const query = { ...spec.query, ticket: ticket ?? undefined, lastEventId: lastEventId || undefined };
    const es = (source = new EventSource(buildUrl(baseUrl, spec.path, {}, query)));
    // The `event:` field names the type, and named events never reach `onmessage`.
    for (const type of ['message', ...spec.types]) es.addEventListener(type, onMessage as EventListener);
    es.onopen = () => (failures = 0);
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED || signal.aborted) return;
      timer = setTimeout(() => void open(true), Math.min(backoff * 2 ** failures++, 60_000));
    };
  };

  signal.addEventListener('abort', () => (clearTimeout(timer), source?.close()), { once: true });
  void open(false);
}

/** The live feed (`/v1/events`): new threads, posts, questions, answers, acceptances; for moderators also flags, held and hidden content. */
export function openEvents(
  baseUrl: string,
  getTicket: GetTicket,
  onEvent: (event: LiveEvent) => void,
  signal: AbortSignal,
  backoff = 1000,
): void {
  openStream(baseUrl, { path: '/v1/events', types: ALL_LIVE_EVENT_TYPES, schema: LiveEvent }, getTicket, onEvent, signal, backoff);
}
