import type { Collection, OptionalUnlessRequiredId } from 'mongodb';
import { insertIntoShadow } from '@lib/persistence';

/**
 * A flush of a fold's changed documents to the shadow: those no earlier flush wrote in unordered
 * inserts (insertIntoShadow), the others replaced by _id in unordered bulks of 5,000; `written` keeps
 * track.
 */
export async function writeChanged<T extends { _id: string }>(
  shadow: Collection<T>,
  docs: T[],
  written: Set<string>,
): Promise<void> {
  const fresh = docs.filter((d) => !written.has(d._id));
  const replaced = docs.filter((d) => written.has(d._id));
  await insertIntoShadow(shadow, fresh as OptionalUnlessRequiredId<T>[]);
  for (const d of fresh) written.add(d._id);
  for (let i = 0; i < replaced.length; i += 5_000)
    await shadow.bulkWrite(
      replaced.slice(i, i + 5_000).map((d) => ({
        replaceOne: { filter: { _id: d._id } as never, replacement: d },
      })),
      { ordered: false },
    );
}
