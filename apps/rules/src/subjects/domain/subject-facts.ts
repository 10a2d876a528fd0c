import { z } from 'zod';

/** A fact's value in a subject's state (the rule engine reads them, ../../engine/facts.ts). */
export type FactValue = number | string | boolean | null;

/**
 * What an applied event triggers: the rules that name it in `on` evaluate for its subject (see the
 * README's table). `daily`: the scheduler's once-a-day pass over every subject (time-based rules).
 */
export const Trigger = z.enum([
  'household',
  'income',
  'survey',
  'department-fact',
  'lifecycle',
  'plan',
  'project',
  'attendance-flag',
  'attendance-day',
  'daily',
  'forecast',
  'assistance',
]);
export type Trigger = z.infer<typeof Trigger>;

/** The monthly series the forecast applier keeps (./forecast-applier.ts), read by the forecast condition. */
export const FORECAST_EXPECTED = 'forecastExpected';
export const FORECAST_LOWER = 'forecastLower';
