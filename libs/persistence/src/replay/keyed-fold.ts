import type { CloudEvent } from '@lib/contracts';

/**
 * A read model folded in memory for a replay (replay-read-model.ts): one document per `_id`, and the
 * ids changed since the last flush. A subclass says how one event changes a document (`fold`, the same
 * rules as the live consumer's writes); it imports no framework and touches no database.
 */
export abstract class KeyedFold<T extends { _id: string }> {
  readonly documents = new Map<string, T>();
  /** The documents changed since the last flush. */
  readonly changed = new Set<string>();

  /** Folds a batch (one partition's, in offset order); answers how many events changed a document. */
  apply(events: readonly CloudEvent[]): number {
    let applied = 0;
    for (const e of events)
      for (const id of this.fold(e)) {
        this.changed.add(id);
        applied++;
      }
    return applied;
  }

  /** The ids of the documents the event changed (none: it changed nothing). */
  protected abstract fold(e: CloudEvent): string[];
}
