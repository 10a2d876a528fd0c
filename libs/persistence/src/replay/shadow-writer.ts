import type { AnyBulkWriteOperation, Collection, Document, Filter, OptionalUnlessRequiredId } from 'mongodb';
import { insertIntoShadow } from './replay-read-model';

/**
 * Writes a fold's changed documents to a shadow collection per flush (replayReadModel's builder):
 * those never written in one unordered insertMany; those written by an earlier flush and changed since
 * replaced by _id, and those gone since deleted, in one bulk write.
 */
export class ShadowWriter<T extends Document & { _id: string }> {
  private readonly written = new Set<string>();

  /** Writes the documents `changed` names (`current`: the document now, undefined when gone), then forgets them. */
  async flush(
    shadow: Collection<T>,
    changed: Set<string>,
    current: (id: string) => T | undefined,
  ): Promise<void> {
    const fresh: T[] = [];
    const rewritten: AnyBulkWriteOperation<T>[] = [];
    for (const id of changed) {
      const doc = current(id);
      const filter = { _id: id } as Filter<T>;
      if (doc === undefined) {
        if (this.written.delete(id)) rewritten.push({ deleteOne: { filter } });
      } else if (this.written.has(id))
        rewritten.push({ replaceOne: { filter, replacement: structuredClone(doc) } });
      else fresh.push(structuredClone(doc));
    }
    changed.clear();
    await insertIntoShadow(shadow, fresh as OptionalUnlessRequiredId<T>[]);
    for (const d of fresh) this.written.add(d._id);
    for (let i = 0; i < rewritten.length; i += 5_000)
      await shadow.bulkWrite(rewritten.slice(i, i + 5_000), { ordered: false });
  }
}
