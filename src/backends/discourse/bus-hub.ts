import { isAbort } from '../../core/errors.js';
import { backoff, eitherSignal, messageAttempts, pause, shortPollPause } from './bus-pacing.js';
import type { DiscourseHttp } from './http.js';
import type { DBusMessage } from './types.js';

/**
 * One MessageBus long poll (`POST /message-bus/{clientId}/poll`) for every live subscription of a
 * DiscourseBackend: the feed's (message-bus.ts) and the bell's (notification-bus.ts).
 *
 * Why one: a long poll holds a connection to the forum, and a thread of its MessageBus, for up to
 * 25 s. A loop per subscription held two per tab on a page with the feed and the bell, against a forum
 * that is the vendor's, not ours; Discourse's own client holds one per tab, one client id with every
 * channel in one poll body. So does the hub: one client id per backend, the channels of every listener
 * at their positions in one poll (a new one at -1, which MessageBus answers with `/__status`), each
 * message handed to the listeners of its channel.
 *
 * A listener joining or leaving, or changing its channels (`refresh()`, as when the feed's TopicWatch
 * takes in a topic), restarts the pending poll with the channels now wanted; when the last listener
 * has left, the poll stops and no request follows. MessageBus keeps one held poll per client id
 * (ConnectionManager's clients by id), so the poll after a restart takes the place of the one
 * aborted, and two loops could not share an id: one loop it is. A failed poll waits `retryMs`,
 * doubled up to 30 s (or the 429's Retry-After); an empty answer that came at once (long polling
 * off) waits `pollMs`.
 *
 * Each listener has its own queue, handled in order by its own worker, apart from the poll: one that
 * waits out a 429 or reads slowly holds back its own messages only, never the poll or another
 * listener's events. A message whose handling fails is tried again after the same backoff (a fresh
 * `batch()`, so nothing read before the failure is reused) and let go of at the third failure that
 * is not the network or a 429 (messageAttempts). Its queue keeps what arrives meanwhile: the position
 * the hub polls from has moved past it, so it is not asked for again.
 */
export interface BusListener {
  /** The channels wanted now (read again at every `refresh()`). */
  channels(): readonly string[];
  /**
   * The handler of one poll's messages, in order: made at the start of each batch and again after a
   * failure, so what it keeps for the batch (the feed's reads) does not outlive the failure. A
   * rejection here (the forum's categories unread) is waited out and tried again, not counted
   * against a message.
   */
  batch(): Promise<(m: DBusMessage) => Promise<void>>;
  /** Called once past `m`: handled, or let go of. */
  passed?(m: DBusMessage): void;
  /**
   * Where a channel this listener adds starts, when the forum said (Discourse's
   * `notification_channel_position`, a topic view's `message_bus_last_id`): what is published after
   * that read is heard. Without it, -1: only what comes after the poll's `/__status`.
   */
  since?(channel: string): number | undefined;
}

export interface HubOptions {
  /** Pause after a failed poll or message, doubled up to 30 s. Default 1000. */
  retryMs?: number | undefined;
  /** Pause between polls where the forum answers at once (long polling off): `shortPollPause`. */
  pollMs?: number | undefined;
}

/** `onEvent` for a listener: an application callback that throws is reported, not taken for the message's failure. */
export const reporting = <E>(onEvent: (e: E) => void) => (e: E) => {
  try {
    onEvent(e);
  } catch (err) {
    setTimeout(() => {
      throw err;
    });
  }
};

/** A listener with its queue and worker. */
class Member {
  private readonly queue: DBusMessage[][] = [];
  private working = false;
  private readonly attempts = messageAttempts();
  private readonly retry;

  constructor(readonly listener: BusListener, readonly signal: AbortSignal, retryMs: number | undefined) {
    this.retry = backoff(retryMs);
  }

  wants(channel: string): boolean {
    return this.listener.channels().includes(channel);
  }

  push(batch: DBusMessage[]): void {
    this.queue.push(batch);
    if (!this.working) void this.work();
  }

  private async work(): Promise<void> {
    this.working = true;
    try {
      while (!this.signal.aborted) {
        // Everything queued meanwhile (while a 429 was waited out) as one batch: a topic bumped in
        // many polls is read once, not once per poll.
        const batch = this.queue.splice(0).flat();
        if (!batch.length) break;
        await this.handle(batch);
      }
    } finally {
      this.working = false;
    }
  }

  private async handle(batch: DBusMessage[]): Promise<void> {
    let handler: ((m: DBusMessage) => Promise<void>) | undefined;
    for (const m of batch) {
      for (;;) {
        if (this.signal.aborted) return;
        try {
          handler ??= await this.listener.batch();
        } catch (e) {
          if (this.signal.aborted) return;
          await this.retry.wait(e, this.signal);
          continue;
        }
        try {
          await handler(m);
          this.retry.reset();
          break;
        } catch (e) {
          if (this.signal.aborted) return;
          handler = undefined;
          if (this.attempts.giveUp(m, e)) break;
          await this.retry.wait(e, this.signal);
        }
      }
      this.attempts.handled(m);
      this.listener.passed?.(m);
    }
  }
}

export class BusHub {
  private readonly clientId = crypto.randomUUID().replace(/-/g, '');
  private readonly members = new Set<Member>();
  /** Each polled channel at its position: the last message handed on, or -1 until `/__status` says. */
  private positions: Record<string, number> = {};
  /** The running loop: `stop` ends it, `restart` aborts its pending poll. */
  private run: { stop: AbortController; restart: () => void } | undefined;

  constructor(private readonly http: DiscourseHttp, private readonly options: HubOptions = {}) {}

  /** Hands `listener` the messages of its channels until `signal` aborts. */
  join(listener: BusListener, signal: AbortSignal): void {
    if (signal.aborted) return;
    const member = new Member(listener, signal, this.options.retryMs);
    this.members.add(member);
    signal.addEventListener('abort', () => (this.members.delete(member), this.refresh()), { once: true });
    this.refresh();
  }

  /**
   * Reads the listeners' channels again: a channel no listener wants is no longer polled, a new one
   * starts at -1, and a change restarts the pending poll. With no listener left, polling stops.
   */
  refresh(): void {
    if (!this.members.size) {
      this.run?.stop.abort();
      this.run = undefined;
      this.positions = {};
      return;
    }
    const next: Record<string, number> = {};
    for (const member of this.members) {
      for (const c of member.listener.channels()) next[c] = this.positions[c] ?? next[c] ?? member.listener.since?.(c) ?? -1;
    }
    const before = Object.keys(this.positions);
    const changed = before.length !== Object.keys(next).length || before.some((c) => !(c in next));
    this.positions = next;
    if (!this.run) this.start();
    else if (changed) this.run.restart();
  }

  private start(): void {
    const stop = new AbortController();
    let pending: AbortController | undefined;
    // Also cuts short the pause between polls of a forum with long polling off: a channel just added
    // (at -1) gets its /__status now, not after pollMs, or what is published meanwhile is skipped.
    let idle: AbortController | undefined;
    const run = { stop, restart: () => (pending?.abort(), idle?.abort()) };
    this.run = run;
    const retry = backoff(this.options.retryMs);
    const loop = async () => {
      while (!stop.signal.aborted) {
        const poll = (pending = new AbortController());
        const both = eitherSignal(stop.signal, poll.signal);
        try {
          const startedAt = performance.now();
          const messages = await this.http.poll<DBusMessage[]>(`/message-bus/${this.clientId}/poll`, { ...this.positions }, both.signal).finally(both.release);
          if (stop.signal.aborted) return;
          // Not MessageBus (a proxy's or a plugin's JSON): a failure, waited out, never polled again at once.
          if (!Array.isArray(messages)) throw new Error('The forum answered a MessageBus poll with something other than a list of messages.');
          this.deliver(messages);
          retry.reset();
          const ms = shortPollPause(messages, startedAt, this.options.pollMs);
          if (ms) {
            idle = new AbortController();
            const either = eitherSignal(stop.signal, idle.signal);
            await pause(ms, either.signal).finally(either.release);
            idle = undefined;
          }
        } catch (e) {
          if (stop.signal.aborted) return;
          // Restarted for a change in the channels: poll again at once, with the channels now wanted.
          if (poll.signal.aborted && isAbort(e)) continue;
          // Any other failure, an AbortError not of the hub's making (a key provider's) included, is
          // waited out: a loop that ended here would leave `run` set and no poll ever again.
          await retry.wait(e, stop.signal);
        }
      }
    };
    void loop().finally(() => {
      if (this.run === run) this.run = undefined;
    });
  }

  /** Positions moved past every message, each message queued for the listeners of its channel (one batch each per poll). */
  private deliver(messages: DBusMessage[]): void {
    const batches = new Map<Member, DBusMessage[]>();
    for (const m of messages) {
      if (m.channel === '/__status') {
        for (const [channel, id] of Object.entries((m.data ?? {}) as Record<string, unknown>)) {
          if (channel in this.positions && typeof id === 'number') this.positions[channel] = id;
        }
        continue;
      }
      // A channel dropped while this poll was out: nobody wants its messages now.
      if (!(m.channel in this.positions)) continue;
      this.positions[m.channel] = m.message_id;
      for (const member of this.members) {
        if (!member.wants(m.channel)) continue;
        const batch = batches.get(member);
        if (batch) batch.push(m);
        else batches.set(member, [m]);
      }
    }
    for (const [member, batch] of batches) member.push(batch);
  }
}
