import { readModelFollowerProvider } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { VisitsStore } from '../visits/visits.store';

/** The visits' pointer document (`read_models`, libs/persistence). */
export const VISITS_READ_MODEL = 'visits';

/**
 * Follows the visits' pointer (libs/persistence, ReadModelFollower): at start, the collection to use;
 * while `npm run replay -- supervision visits` switches over, stops taking batches and acknowledges
 * once none is in flight; then visits are read and written in the rebuilt collection and batches are
 * taken again. The API keeps answering throughout.
 */
export const VisitsPointer = readModelFollowerProvider(VISITS_READ_MODEL, VisitsStore, CollectionsSetup);
