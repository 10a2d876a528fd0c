import type { Model } from 'mongoose';
import { runWithConcurrency } from '@lib/messaging';

/**
 * Finds the documents whose `field` equals each of `values`, one equality query per value, a few at
 * a time. FerretDB 1.x pushes equality filters down to PostgreSQL (an index lookup) but answers
 * `$in` by scanning the whole collection, so on a growing collection many small equality lookups
 * beat one `$in` (measured: 5 ids by `$in` 134 ms, by equality 8 ms, on 5,000 documents).
 */
export async function findEach<T>(
  model: Model<T>,
  field: string,
  values: string[],
  extra: Record<string, unknown> = {},
  concurrency = 32,
): Promise<T[]> {
  const found: T[] = [];
  await runWithConcurrency([...new Set(values)], concurrency, async (value) => {
    const doc = await model
      .findOne({ ...extra, [field]: value } as never)
      .lean<T>()
      .exec();
    if (doc) found.push(doc);
  });
  return found;
}
