/**
 * Partition assignments of this process's consumers, for state held per partition in memory
 * (issue 17): a listener is told each time the consumer group has handed out the partitions again
 * (an instance joined or left), with what this instance owns now; state of partitions it no longer
 * owns must be dropped, and state of newly owned ones loaded (lazily, on their first batch).
 */
export type Assignment = Record<string, number[]>;
type Listener = (assignment: Assignment, groupId: string) => void;

const listeners = new Set<Listener>();

/** Subscribes to the process's partition assignments; returns the unsubscribe. */
export function onPartitionsAssigned(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Called by the consumer after each group join (KafkaBatchServer). */
export function partitionsAssigned(assignment: Assignment, groupId: string): void {
  for (const l of listeners) l(assignment, groupId);
}
