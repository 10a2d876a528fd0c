/**
 * 走访覆盖 (monthly visit coverage): which households of a month were surveyed, which are due and
 * which are overdue. Pure functions, no framework (unit-tested in coverage-rule.spec.ts).
 *
 * The rule:
 * - A household is expected in month M from the month it entered the registry (its registration, in
 *   China time, UTC+8): households registered later in M count from then; households registered
 *   after M are not expected in M (unless surveyed for M anyway: then they count as surveyed).
 * - Deadline: the end of day N (SURVEY_DUE_DAY, default 25) of M, China time. A household that
 *   entered the registry in M after day N has until the end of M.
 * - Status: surveyed once a survey for M was recorded; otherwise overdue once the deadline has
 *   passed (every unsurveyed household of a past month), due before.
 * - Lifecycle steps (识别…消除) change nothing: every registry household is visited monthly. There is
 *   no removal event yet; when one exists a removed household stops counting from the next month.
 */

export type CoverageStatus = 'surveyed' | 'due' | 'overdue';

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The month (YYYY-MM) and day of an instant in China time. */
export function chinaMonthDay(at: Date): { month: string; day: number } {
  const d = new Date(at.getTime() + CHINA_OFFSET_MS);
  return {
    month: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`,
    day: d.getUTCDate(),
  };
}

function parseMonth(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number);
  return [y, m];
}

/** YYYY-MM-DD of day `dueDay` of the month. */
export function dueDateOf(month: string, dueDay: number): string {
  return `${month}-${String(dueDay).padStart(2, '0')}`;
}

/** The end of day `day` of the month in China time (day 32 → end of the month is not used: see monthEnd). */
function endOfDay(month: string, day: number): number {
  const [y, m] = parseMonth(month);
  return Date.UTC(y, m - 1, day + 1) - CHINA_OFFSET_MS;
}

function endOfMonth(month: string): number {
  const [y, m] = parseMonth(month);
  return Date.UTC(y, m, 1) - CHINA_OFFSET_MS;
}

/** When a household that entered the registry in (fromMonth, fromDay) must be surveyed for `month`. */
export function deadlineOf(
  month: string,
  entry: { fromMonth: string; fromDay: number },
  dueDay: number,
): Date {
  if (entry.fromMonth === month && entry.fromDay > dueDay) return new Date(endOfMonth(month));
  return new Date(endOfDay(month, dueDay));
}

/** A household's status in `month`; null when it is not expected that month (registered later, not surveyed). */
export function statusOf(
  month: string,
  entry: { fromMonth: string | null; fromDay: number | null },
  surveyed: boolean,
  now: Date,
  dueDay: number,
): CoverageStatus | null {
  if (surveyed) return 'surveyed';
  if (entry.fromMonth === null || entry.fromDay === null || entry.fromMonth > month) return null;
  return now.getTime() >
    deadlineOf(month, { fromMonth: entry.fromMonth, fromDay: entry.fromDay }, dueDay).getTime()
    ? 'overdue'
    : 'due';
}

/** Households of a village that entered the registry on the same day, and how many of them were surveyed in the month. */
export interface EntryBucket {
  villageCode: string;
  fromMonth: string | null;
  fromDay: number | null;
  households: number;
  surveyed: number;
}

export interface VillageCounts {
  villageCode: string;
  households: number;
  surveyed: number;
  due: number;
  overdue: number;
}

/** Per-village counts for `month` from entry buckets (households grouped by entry day, surveyed likewise). */
export function countByVillage(
  buckets: EntryBucket[],
  month: string,
  now: Date,
  dueDay: number,
): VillageCounts[] {
  const byVillage = new Map<string, VillageCounts>();
  for (const b of buckets) {
    let v = byVillage.get(b.villageCode);
    if (!v) {
      v = { villageCode: b.villageCode, households: 0, surveyed: 0, due: 0, overdue: 0 };
      byVillage.set(b.villageCode, v);
    }
    const status = statusOf(month, b, false, now, dueDay);
    v.surveyed += b.surveyed;
    if (status === null) {
      v.households += b.surveyed;
      continue;
    }
    const households = Math.max(b.households, b.surveyed);
    v.households += households;
    v[status] += households - b.surveyed;
  }
  return [...byVillage.values()].sort((a, b) => a.villageCode.localeCompare(b.villageCode));
}

/** Merges household buckets and surveyed buckets of the same (village, entry day). */
export function mergeBuckets(
  households: Array<{ villageCode: string; fromMonth: string | null; fromDay: number | null; n: number }>,
  surveyed: Array<{ villageCode: string; fromMonth: string | null; fromDay: number | null; n: number }>,
): EntryBucket[] {
  const key = (b: { villageCode: string; fromMonth: string | null; fromDay: number | null }) =>
    `${b.villageCode}|${b.fromMonth ?? ''}|${b.fromDay ?? ''}`;
  const out = new Map<string, EntryBucket>();
  const get = (b: { villageCode: string; fromMonth: string | null; fromDay: number | null }) => {
    const k = key(b);
    let e = out.get(k);
    if (!e) {
      e = {
        villageCode: b.villageCode,
        fromMonth: b.fromMonth,
        fromDay: b.fromDay,
        households: 0,
        surveyed: 0,
      };
      out.set(k, e);
    }
    return e;
  };
  for (const b of households) get(b).households += b.n;
  for (const b of surveyed) get(b).surveyed += b.n;
  return [...out.values()];
}
