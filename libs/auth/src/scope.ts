import { Principal, Role } from './roles';

/**
 * The org units a caller may see for one action: the units where they hold a role allowed to do it,
 * and everything below (codes nest: county 6 digits, town 9, village 12).
 */
export type Scope =
  { readonly all: true } | { readonly all: false; counties: string[]; towns: string[]; villages: string[] };

/** What event consumers and other services act as: no tenant limit. */
export const SERVICE_SCOPE: Scope = Object.freeze({ all: true });

export function scopeOf(principal: Principal, allowed: readonly Role[]): Scope | null {
  const grants = principal.grants.filter((g) => g.role === 'service' || allowed.includes(g.role));
  if (grants.length === 0) return null;
  if (grants.some((g) => g.role === 'service')) return SERVICE_SCOPE;
  const units = [...new Set(grants.map((g) => g.unit))];
  return {
    all: false,
    counties: units.filter((u) => u.length === 6),
    towns: units.filter((u) => u.length === 9),
    villages: units.filter((u) => u.length === 12),
  };
}

/** Does the scope cover this org unit (a county, town or village code)? */
export function covers(scope: Scope, unit: string): boolean {
  if (scope.all) return true;
  return [...scope.counties, ...scope.towns, ...scope.villages].some((u) => unit.startsWith(u));
}

/**
 * The filter every repository query is joined with. Works on fields each record carries
 * (countyCode, townCode, villageCode). An empty scope matches nothing.
 */
export function scopeFilter(scope: Scope): Record<string, unknown> {
  if (scope.all) return {};
  const or: Array<Record<string, unknown>> = [];
  if (scope.counties.length) or.push({ countyCode: { $in: scope.counties } });
  if (scope.towns.length) or.push({ townCode: { $in: scope.towns } });
  if (scope.villages.length) or.push({ villageCode: { $in: scope.villages } });
  if (or.length === 0) return { _id: { $in: [] } };
  return { $or: or };
}

/** A query limited to the scope: `{$and: [query, scopeFilter]}` (the query as is for services). */
export function withinScope<Q extends object>(scope: Scope, query: Q): Q {
  if (scope.all) return query;
  return { $and: [query, scopeFilter(scope)] } as unknown as Q;
}

/** Every code from the county down to the unit: lets an entry be found by any unit above it. */
export function unitChain(unit: string): string[] {
  return [6, 9, 12].filter((n) => unit.length >= n).map((n) => unit.slice(0, n));
}
