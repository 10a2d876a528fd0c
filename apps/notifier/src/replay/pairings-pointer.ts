import { pairingsFollowerProvider, readModelFollowerProvider } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { PairingsStore } from '../pairings/pairings.store';

/** The paired cadres' names' pointer document (`read_models`, libs/persistence). */
export const CADRE_NAMES_READ_MODEL = 'paired-cadre-names';

/**
 * Follow the pointers of the notifier's pairings (`npm run replay -- notifier pairings` rebuilds both):
 * which cadres each household has (the shared pairing record, `pairings`) and the cadres' names
 * (`paired-cadre-names`).
 */
export const PairingsPointers = [
  pairingsFollowerProvider(CollectionsSetup),
  readModelFollowerProvider(CADRE_NAMES_READ_MODEL, PairingsStore, CollectionsSetup),
];
