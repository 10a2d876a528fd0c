/** One caller's part of a grouped insert. */
interface Waiting<D, E> {
  docs: D[];
  events: E[][];
  resolve: (outcome: { inserted: number; duplicates: number[] }) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for unordered inserts (issue #17): callers that insert into one collection while an
 * insert of theirs is in flight are written together in the next one — one statement (and one journal
 * chunk) for the partitions' batches that finish evaluating at the same moment, instead of one each
 * competing for the database. The first caller is written at once; nobody waits for a timer. Each
 * caller gets its own outcome (its duplicates, by its own indexes); a failure that is not a duplicate
 * fails every caller of that statement (each retries its batch, as it would alone).
 */
export class GroupedInserts<D, E> {
  private readonly queue: Array<Waiting<D, E>> = [];
  private inFlight = 0;

  constructor(
    /** The insert of a group: all callers' documents in order; answers the refused indexes. */
    private readonly write: (
      docs: D[],
      events: E[][],
    ) => Promise<{ inserted: number; duplicates: number[] }>,
    /** Inserts in flight at once (a second overlaps the first one's commit). */
    private readonly maxInFlight = 1,
  ) {}

  insert(docs: D[], events: E[][]): Promise<{ inserted: number; duplicates: number[] }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docs, events, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    const group = this.queue.splice(0);
    this.inFlight++;
    void this.writeGroup(group).finally(() => {
      this.inFlight--;
      this.pump();
    });
  }

  private async writeGroup(group: Array<Waiting<D, E>>): Promise<void> {
    try {
      const { duplicates } = await this.write(
        group.flatMap((w) => w.docs),
        group.flatMap((w) => w.events),
      );
      const refused = [...duplicates].sort((a, b) => a - b);
      let from = 0;
      let r = 0;
      for (const w of group) {
        const to = from + w.docs.length;
        const own: number[] = [];
        for (; r < refused.length && refused[r] < to; r++) own.push(refused[r] - from);
        w.resolve({ inserted: w.docs.length - own.length, duplicates: own });
        from = to;
      }
    } catch (e) {
      for (const w of group) w.reject(e);
    }
  }
}
