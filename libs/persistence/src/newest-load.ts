/**
 * A value held in memory and read again from the database now and then (a timer, a write, a cache
 * expiry), by reads that may finish out of order: the read started last wins. Without it a read
 * started before a write — a periodic reload while the start-up seeds the rule catalogue — can finish
 * after the read that followed the write, and put back what the database held before it.
 */
export class NewestLoad<T> {
  private started = 0;
  private applied = 0;

  constructor(private readonly apply: (value: T) => void) {}

  /** Reads with `load`; the value is applied unless a read started later has been applied already. */
  async run(load: () => Promise<T>): Promise<T> {
    const ticket = ++this.started;
    const value = await load();
    if (ticket > this.applied) {
      this.applied = ticket;
      this.apply(value);
    }
    return value;
  }

  /** A write happened: reads started before it are not applied when they finish. */
  invalidate(): void {
    this.applied = this.started;
  }
}
