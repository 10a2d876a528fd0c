import { readModelFollowerProvider } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { MemberIndex } from '../department-facts/member-index.store';

/** The member-hash index's pointer document (`read_models`, libs/persistence). */
export const MEMBER_INDEX_READ_MODEL = 'member-index';

/**
 * Follows the member-hash index's pointer (libs/persistence, ReadModelFollower): at start, the
 * collection to use; while `npm run replay -- monitoring member-index` switches over, stops taking
 * batches and acknowledges once none is in flight; then the index is read and written in the rebuilt
 * collection and batches are taken again. Department facts keep being taken and matched throughout.
 */
export const MemberIndexPointer = readModelFollowerProvider(
  MEMBER_INDEX_READ_MODEL,
  MemberIndex,
  CollectionsSetup,
);
