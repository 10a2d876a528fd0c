import { readModelFollowerProvider } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { AlertStatesStore } from '../alerts/alerts.store';

/** The alert records' pointer document (`read_models`, libs/persistence). */
export const ALERTS_READ_MODEL = 'alerts';

/**
 * Follows the alert records' pointer (ReadModelFollower): at start, the collection to use; while
 * `npm run replay -- notifier alerts` switches over, stops taking batches and acknowledges once none is
 * in flight; then the records are read (by escalations too) and written in the rebuilt collection.
 */
export const AlertsPointer = readModelFollowerProvider(ALERTS_READ_MODEL, AlertStatesStore, CollectionsSetup);
