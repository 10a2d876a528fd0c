import type { Model } from 'mongoose';

/** One page of a filtered, sorted collection and the total (undefined filter values are dropped). */
export async function findPage<T>(
  model: Model<T>,
  filter: Record<string, unknown>,
  sort: Record<string, 1 | -1>,
  page: number,
  pageSize: number,
) {
  const query = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
  const [items, total] = await Promise.all([
    model
      .find(query)
      .sort(sort)
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .lean()
      .exec(),
    model.countDocuments(query).exec(),
  ]);
  return { items, total, page, pageSize };
}
