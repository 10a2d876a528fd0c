/**
 * Which collection holds a read model now (issue #17, replay): one document per read model in
 * `read_models`. No document: the read model's own collection. A replay builds a shadow collection,
 * raises a fence (the apps stop taking batches once none is in flight, and acknowledge), catches up
 * with what they had committed, then points here at the shadow and lifts the fence in one write
 * (replay-read-model.ts; the apps follow it with read-model-follower.ts).
 */
export const READ_MODELS_COLLECTION = 'read_models';

export interface ReadModelFence {
  /** One replay's fence. */
  id: string;
  /** The shadow collection being switched to. */
  target: string;
  since: Date;
}

export interface ReadModelPointer {
  /** The read model, e.g. `subjects`. */
  _id: string;
  /** The collection in use. */
  collection: string;
  fence: ReadModelFence | null;
  /** Instance id → the fence id it has stopped for (no batch in flight, none taken). */
  acks: Record<string, string>;
  /** Instance id → the collection it reads and writes (written once it has switched over). */
  using?: Record<string, string>;
  switchedAt?: Date;
  /** Events the replay applied to build `collection`. */
  replayedEvents?: number;
}
