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

  /**
   * Starts watching `id`, or marks it read again: it becomes the most recent, the last to be let go
   * of. A new id beyond the limit lets go of the least recently read; the stream hears of the change
   * at once (its poll restarts with the channels now held).
   */
  add(id: number): void {
    if (!Number.isSafeInteger(id)) return;
    const at = this.ids.indexOf(id);
    if (at !== -1) {
      this.ids.splice(at, 1);
      this.ids.push(id);
      return;
    }
    this.ids.push(id);
    if (this.ids.length > this.limit) this.ids.shift();
    for (const l of this.listeners) l();
  }

  channels(): string[] {
    return this.ids.map((id) => `/topic/${id}`);
  }

  /** Calls `listener` whenever the topics watched change; returns the way to stop. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
