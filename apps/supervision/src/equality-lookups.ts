import type { Model, QueryFilter } from 'mongoose';
import { runWithConcurrency } from '@lib/messaging';

/**
 * The documents matching each of these equality filters, one query each, a few at a time.
 * FerretDB 1.x pushes equality filters down to PostgreSQL (served by an index) but answers `$in`
 * by scanning the whole collection: check-ins and attendance days grow without bound, so the
 * ingestion path reads them by equality (one query per day a batch touches).
 */
export async function findAllEach<T>(
  model: Model<T>,
  filters: Array<QueryFilter<T>>,
  projection?: Record<string, 0 | 1>,
  concurrency = 8,
): Promise<T[]> {
  const seen = new Set<string>();
  const unique = filters.filter((f) => {
    const k = JSON.stringify(f);
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const found: T[] = [];
  await runWithConcurrency(unique, concurrency, async (filter) => {
    const docs = await model.find(filter, projection).lean<T[]>().exec();
    found.push(...docs);
  });
  return found;
}

/** Every per-member-day record on these days: one equality lookup per day (index on `day`). */
export function onDays<T extends { day: string }>(model: Model<T>, days: string[]): Promise<T[]> {
  return findAllEach(
    model,
    [...new Set(days)].map((day) => ({ day }) as QueryFilter<T>),
  );
}

/** The records of these members on these days (the days read whole, the members picked here). */
export async function ofMembersOnDays<T extends { day: string; memberId: string }>(
  model: Model<T>,
  memberIds: string[],
  days: string[],
): Promise<T[]> {
  const wanted = new Set(memberIds);
  return (await onDays(model, days)).filter((d) => wanted.has(d.memberId));
}
