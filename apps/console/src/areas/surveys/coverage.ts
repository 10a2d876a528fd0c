import { get } from '@/api/client';
import { unitQuery } from '@/stores/org-units';

/** 走访覆盖 of a month, per village (GET /api/v1/coverage). */
export interface VillageCoverage extends Record<string, unknown> {
  villageCode: string;
  households: number;
  surveyed: number;
  due: number;
  overdue: number;
}
export interface Coverage {
  month: string;
  dueDate: string;
  totals: { households: number; surveyed: number; due: number; overdue: number };
  villages: VillageCoverage[];
}

/**
 * The unit a coverage question names: the selected one, else the broadest unit of the user's scope.
 * The API takes exactly one of countyCode / townCode / villageCode; a '*' grant (the whole platform)
 * has no unit of its own, so the first county of the org-unit tree stands for it.
 */
export function coverageUnit(selected: string | null, scopeRoots: string[], firstCounty: string | undefined): string | null {
  if (selected) return selected;
  const root = scopeRoots[0];
  if (!root) return null;
  return root === '*' ? (firstCounty ?? null) : root;
}

export function coverageOf(month: string, unit: string): Promise<Coverage> {
  return get<Coverage>('/api/v1/coverage', { month, ...unitQuery(unit) });
}

/** Share of households surveyed (0…1), null with no households. */
export const surveyedShare = (c: { households: number; surveyed: number }) =>
  c.households > 0 ? c.surveyed / c.households : null;
