/**
 * Per-village statistics of residents' requests, pure: counts by category, the on-time rate of the
 * concluded ones and the satisfaction of the ratings, from grouped counts.
 */
import {
  ResidentRequestCategory,
  ResidentRequestRating,
  type ResidentRequestCategory as Category,
  type ResidentRequestRating as Rating,
} from '@lib/contracts';

export interface VillageStatistics {
  villageCode: string;
  total: number;
  byCategory: Record<Category, number>;
  concluded: number;
  concludedOnTime: number;
  /** concludedOnTime / concluded (0..1); null when nothing was concluded. */
  onTimeRate: number | null;
  ratings: Record<Rating, number>;
  /** (满意 + 基本满意) / every rating given (0..1); null when nobody rated. */
  satisfactionRate: number | null;
}

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;

export function villageStatistics(groups: {
  byCategory: Array<{ villageCode: string; category: string; n: number }>;
  concluded: Array<{ villageCode: string; late: boolean; n: number }>;
  ratings: Array<{ villageCode: string; rating: string; n: number }>;
}): VillageStatistics[] {
  const rows = new Map<string, VillageStatistics>();
  const row = (villageCode: string) => {
    let r = rows.get(villageCode);
    if (!r) {
      r = {
        villageCode,
        total: 0,
        byCategory: zeros(ResidentRequestCategory.options),
        concluded: 0,
        concludedOnTime: 0,
        onTimeRate: null,
        ratings: zeros(ResidentRequestRating.options),
        satisfactionRate: null,
      };
      rows.set(villageCode, r);
    }
    return r;
  };
  for (const g of groups.byCategory) {
    const r = row(g.villageCode);
    if (g.category in r.byCategory) r.byCategory[g.category as Category] += g.n;
    r.total += g.n;
  }
  for (const g of groups.concluded) {
    const r = row(g.villageCode);
    r.concluded += g.n;
    if (!g.late) r.concludedOnTime += g.n;
  }
  for (const g of groups.ratings) {
    const r = row(g.villageCode);
    if (g.rating in r.ratings) r.ratings[g.rating as Rating] += g.n;
  }
  for (const r of rows.values()) {
    r.onTimeRate = ratio(r.concludedOnTime, r.concluded);
    const rated = r.ratings.satisfied + r.ratings.basically_satisfied + r.ratings.dissatisfied;
    r.satisfactionRate = ratio(r.ratings.satisfied + r.ratings.basically_satisfied, rated);
  }
  return [...rows.values()].sort((a, b) => a.villageCode.localeCompare(b.villageCode));
}
