/**
 * The topics whose own MessageBus channel (`/topic/{id}`) the live stream listens to. Discourse
 * publishes an accepted answer only there (Solved's `accepted_solution`), and a forum has too many
 * topics to listen to all: the adapter watches the topics it has read (a question being looked at),
 * the most recent `limit` of them.
 */
export class TopicWatch {
  private readonly ids: number[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly limit = 20) {}

  /** Starts watching `id`; the stream hears of it at once (its poll restarts with the new channel). */
  add(id: number): void {
    if (!Number.isSafeInteger(id) || this.ids.includes(id)) return;
    this.ids.push(id);
    if (this.ids.length > this.limit) this.ids.shift();
    for (const l of this.listeners) l();
  }

  channels(): string[] {
    return this.ids.map((id) => `/topic/${id}`);
  }

  /** Calls `listener` whenever a topic is added; returns the way to stop. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
