import { DEFAULT_THRESHOLDS as SHARED_DEFAULTS } from '@lib/contracts';
import { Threshold } from './threshold';

/**
 * Seeded on first start (existing rows are left as they are): the same list monitoring seeds
 * (libs/contracts default-thresholds), so a fresh install agrees before any threshold.set.v1 arrives.
 */
export const DEFAULT_THRESHOLDS: Threshold[] = SHARED_DEFAULTS;
