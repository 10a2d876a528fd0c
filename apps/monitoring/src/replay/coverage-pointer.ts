import { readModelFollowerProvider } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { CoverageService } from '../coverage/coverage.service';

/** Coverage's pointer document (`read_models`, libs/persistence): it names the entries' collection. */
export const COVERAGE_READ_MODEL = 'coverage';

/**
 * Follows coverage's pointer (libs/persistence, ReadModelFollower): at start, the collections to use
 * (then the first start's copy and the announcer, CoverageService.useCollection); while `npm run
 * replay -- monitoring coverage` switches over, stops taking batches and acknowledges once none is in
 * flight; then coverage reads and writes the rebuilt entries and marks together and batches are taken
 * again. The API keeps answering throughout.
 */
export const CoveragePointer = readModelFollowerProvider(
  COVERAGE_READ_MODEL,
  CoverageService,
  CollectionsSetup,
);
