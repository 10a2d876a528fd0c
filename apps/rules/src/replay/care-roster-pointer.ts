import { readModelFollowerProvider } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { CareRosterStore } from '../care-visits/care-roster.store';

/** The care roster's pointer document (`read_models`, libs/persistence). */
export const CARE_ROSTER_READ_MODEL = 'care-roster';

/**
 * Follows the care roster's pointer (libs/persistence, ReadModelFollower): at start, the collections to
 * use; while `npm run replay -- rules care-roster` switches over, stops taking batches and acknowledges
 * once none is in flight; then the roster and the frequencies are read and written in the rebuilt pair
 * and batches are taken again. The API and the daily pass keep working throughout.
 */
export const CareRosterPointer = readModelFollowerProvider(
  CARE_ROSTER_READ_MODEL,
  CareRosterStore,
  CollectionsSetup,
);
