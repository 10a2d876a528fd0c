/**
 * Group commit for batch handlers (issue #17): the partitions an instance consumes hand over their
 * batches side by side (kafkajs' partitionsConsumedConcurrently), and each would pay the same few
 * statements per run. Runs submitted while one is being written wait for it and are then written
 * together, as one run: an idle consumer adds no wait, a busy one writes six partitions' batches with
 * the statements of one. Each submitter is answered when the run holding its items is done, so a
 * partition commits its offset only once its own items are written, and in its own order (a
 * partition submits its next batch only after the last one was answered).
 *
 * A failed joint run is run again submitter by submitter, so one partition's bad batch fails alone
 * (and is retried or dead-lettered by its consumer) instead of failing the partitions it was joined with.
 */
export class CoalescedRuns<T> {
  private waiting: Array<{ items: T[]; done: (error?: unknown) => void }> = [];
  private running = false;

  constructor(
    private readonly run: (items: T[]) => Promise<void>,
    /** At most this many items in one joint run (a submission is never split). */
    private readonly maxItems = 5_000,
  ) {}

  submit(items: T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ items, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const joined = [this.waiting.shift()!];
        let n = joined[0].items.length;
        while (this.waiting.length > 0 && n + this.waiting[0].items.length <= this.maxItems) {
          n += this.waiting[0].items.length;
          joined.push(this.waiting.shift()!);
        }
        await this.runJoined(joined);
      }
    } finally {
      this.running = false;
    }
  }

  private async runJoined(joined: Array<{ items: T[]; done: (error?: unknown) => void }>) {
    try {
      await this.run(joined.length === 1 ? joined[0].items : joined.flatMap((j) => j.items));
      for (const j of joined) j.done();
    } catch (error) {
      if (joined.length === 1) return joined[0].done(error ?? new Error('run failed'));
      for (const j of joined) {
        try {
          await this.run(j.items);
          j.done();
        } catch (e) {
          j.done(e ?? new Error('run failed'));
        }
      }
    }
  }
}
