import { readModelFollowerProvider } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { RecordedFacts } from '../lifecycle/recorded-facts.store';

/** The recorded facts' pointer document (`read_models`, libs/persistence). */
export const RECORDED_FACTS_READ_MODEL = 'recorded-facts';

/**
 * Follows the recorded facts' pointer (libs/persistence, ReadModelFollower): at start, the collections
 * to use; while `npm run replay -- households recorded-facts` switches over, stops taking batches and
 * acknowledges once none is in flight; then the incomes and lines are read and written in the rebuilt
 * pair and batches are taken again. The API keeps answering throughout.
 */
export const RecordedFactsPointer = readModelFollowerProvider(
  RECORDED_FACTS_READ_MODEL,
  RecordedFacts,
  CollectionsSetup,
);
