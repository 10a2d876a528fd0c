import { readModelFollowerProvider } from '@lib/persistence';
import { CollectionsSetup } from '@lib/service-kit';
import { IncomeForecastStore } from '../income-forecast/income-forecast.store';

/** The income forecast's pointer document (`read_models`, libs/persistence): its forecasts' collection. */
export const INCOME_FORECAST_READ_MODEL = 'income-forecast';

/**
 * Follows the income forecast's pointer (libs/persistence, ReadModelFollower): at start, the
 * collections to use; while `npm run replay -- monitoring income-forecast` switches over, stops taking
 * batches and acknowledges once none is in flight; then the forecasts and their benefit gaps are read
 * and written in the rebuilt pair (one pointer names both). The API keeps answering throughout.
 */
export const IncomeForecastPointer = readModelFollowerProvider(
  INCOME_FORECAST_READ_MODEL,
  IncomeForecastStore,
  CollectionsSetup,
);
