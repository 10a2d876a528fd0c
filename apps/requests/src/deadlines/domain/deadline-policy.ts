/** A county's 办理时限: its own days per category over the platform's defaults. Pure. */
import {
  DEFAULT_REQUEST_DEADLINE_DAYS,
  DEFAULT_REQUEST_WARN_DAYS_BEFORE,
  type ResidentRequestCategory,
} from '@lib/contracts';

export interface DeadlinePolicy {
  days: Record<ResidentRequestCategory, number>;
  warnDaysBefore: number;
}

export function effectivePolicy(
  own: { days?: Partial<Record<ResidentRequestCategory, number>>; warnDaysBefore?: number } | null,
): DeadlinePolicy {
  return {
    days: { ...DEFAULT_REQUEST_DEADLINE_DAYS, ...(own?.days ?? {}) },
    warnDaysBefore: own?.warnDaysBefore ?? DEFAULT_REQUEST_WARN_DAYS_BEFORE,
  };
}
