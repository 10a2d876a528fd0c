/**
 * Pure planning of a partition batch (no I/O, unit-tested):
 * consecutive records that go to the same handler form a run; runs are processed in order, so the
 * order of a subject's events holds even across event types. Inside a per-event run, records with
 * different keys may run concurrently while each key's records stay in order.
 */
export interface PlannedRecord<T> {
  key: string;
  handlerId: string | null;
  item: T;
}

export interface Run<T> {
  handlerId: string | null;
  items: PlannedRecord<T>[];
}

export function splitIntoRuns<T>(records: PlannedRecord<T>[]): Run<T>[] {
  const runs: Run<T>[] = [];
  for (const r of records) {
    const last = runs[runs.length - 1];
    if (last && last.handlerId === r.handlerId) last.items.push(r);
    else runs.push({ handlerId: r.handlerId, items: [r] });
  }
  return runs;
}

/** Groups records by key, keeping each key's records in their original order. */
export function groupByKey<T>(records: PlannedRecord<T>[]): PlannedRecord<T>[][] {
  const groups = new Map<string, PlannedRecord<T>[]>();
  for (const r of records) {
    const g = groups.get(r.key);
    if (g) g.push(r);
    else groups.set(r.key, [r]);
  }
  return [...groups.values()];
}

/** Runs tasks with at most `limit` at once; rejects with the first error after all settle. */
export async function runWithConcurrency<T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let firstError: unknown = null;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      try {
        await task(item);
      } catch (e) {
        firstError ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (firstError) throw firstError;
}

/** Exponential backoff with full jitter, capped. attempt starts at 1. */
export function backoffMs(attempt: number, initialMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
