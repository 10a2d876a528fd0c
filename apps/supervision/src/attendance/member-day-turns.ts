/**
 * Turns on keys (member-days) in this instance: a batch that judges and writes member-days waits
 * for the batches before it that hold any of them, so two batches in flight (two signed requests,
 * two partitions meeting on a shared device) never judge the same member-day from the same state
 * and then race for its write. The guards of the writes stay the proof (another instance, the
 * daily close); this only spares a batch the losing side of a race inside one instance: a refused
 * write, its days forgotten and judged again from the database.
 *
 * A batch takes all its keys at once (synchronously), so it waits only for batches that took
 * theirs earlier: no cycle, no deadlock.
 */
export class MemberDayTurns {
  private readonly last = new Map<string, Promise<void>>();

  async run<T>(keys: Iterable<string>, work: () => Promise<T>): Promise<T> {
    const own = [...new Set(keys)];
    const before = new Set<Promise<void>>();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    for (const k of own) {
      const prior = this.last.get(k);
      if (prior) before.add(prior);
      this.last.set(k, mine);
    }
    try {
      await Promise.all(before);
      return await work();
    } finally {
      done();
      for (const k of own) if (this.last.get(k) === mine) this.last.delete(k);
    }
  }

  /** Keys waited on or held now (for tests). */
  get size(): number {
    return this.last.size;
  }
}
