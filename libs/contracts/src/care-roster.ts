import { z } from 'zod';
import { CareGroup } from './events/household-care-visit-recorded.v1';

/**
 * 关爱服务名册: how often a cared-for person is visited, per group, in days. The county sets its own
 * (PUT /api/v1/care-roster/frequencies); these apply where it has not.
 */
export const DEFAULT_CARE_VISIT_FREQUENCY_DAYS: Record<CareGroup, number> = {
  living_alone_elderly: 7, // 独居老人：每周
  left_behind_elderly: 14, // 留守老人：每半月
  empty_nest_elderly: 14, // 空巢老人：每半月
  extreme_hardship: 14, // 特困人员：每半月
  five_guarantee: 14, // 五保户：每半月
  disabled: 30, // 残疾人：每月
  left_behind_child: 30, // 留守儿童：每月
  left_behind_woman: 30, // 留守妇女：每月
};

export const CareFrequencyDays = z
  .number({ error: '须为天数（整数）' })
  .int('须为整数天数')
  .min(1, '至少 1 天')
  .max(366, '至多 366 天');

/** A county's frequencies: any subset of the groups (the others keep the defaults). */
export const CareFrequencies = z.partialRecord(CareGroup, CareFrequencyDays);
export type CareFrequencies = z.infer<typeof CareFrequencies>;

/** The frequencies in force: the county's over the defaults. */
export function careFrequenciesInForce(
  county: CareFrequencies | null | undefined,
): Record<CareGroup, number> {
  return { ...DEFAULT_CARE_VISIT_FREQUENCY_DAYS, ...(county ?? {}) };
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * The day the next visit is due: the last visit (or, never visited, the day the person joined the
 * roster) plus the frequency. Days are YYYY-MM-DD (China dates).
 */
export function careVisitDueOn(
  lastVisitedOn: string | null | undefined,
  since: string,
  frequencyDays: number,
): string {
  return dayOf(dayNumber(lastVisitedOn && lastVisitedOn > since ? lastVisitedOn : since) + frequencyDays);
}

/** Overdue once the due day has passed without a visit: `day` is after `dueOn`. */
export function isCareVisitOverdue(dueOn: string, day: string): boolean {
  return day > dueOn;
}

/** Whole days past the due day (0 when not overdue). */
export function careVisitDaysOverdue(dueOn: string, day: string): number {
  return Math.max(0, dayNumber(day) - dayNumber(dueOn));
}

/** Where a cared-for person stands on `day`. */
export function careVisitStatus(
  member: { since: string; lastVisitedOn?: string | null; group: CareGroup },
  frequencies: Record<CareGroup, number>,
  day: string,
): { frequencyDays: number; dueOn: string; overdue: boolean; daysOverdue: number } {
  const frequencyDays = frequencies[member.group];
  const dueOn = careVisitDueOn(member.lastVisitedOn, member.since, frequencyDays);
  return {
    frequencyDays,
    dueOn,
    overdue: isCareVisitOverdue(dueOn, day),
    daysOverdue: careVisitDaysOverdue(dueOn, day),
  };
}
