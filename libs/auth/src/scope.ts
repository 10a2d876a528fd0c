import { Principal, Role } from './roles';

/**
 * The org units a caller may see for one action: the units where they hold a role allowed to do it,
 * and everything below (codes nest: county 6 digits, town 9, village 12).
 */
export type Scope =
  | { readonly all: true }
  | {
      readonly all: false;
      counties: string[];
      towns: string[];
      villages: string[];
      /**
       * Units held only as 帮扶责任人 (paired-cadre): there the caller sees the households paired with them
       * (`pairedCadreIds`), nothing else of the unit. Records carrying pairings filter with
       * `pairedScopeFilter`; other records still see the whole unit.
       */
      pairedOnly?: {
        cadre: string;
        units: string[];
        /**
         * The households paired with the caller, when the app keeps a read model of pairings
         * (`PAIRED_HOUSEHOLDS`, fed by household.pairing-changed.v1): then `scopeFilter` itself limits
         * the records about households in the paired units (those with a `householdId`, `subjectId` or
         * `householdNumber`) to those households'; records about no household keep the unit.
         */
        households?: string[];
      };
    };

/** What event consumers and other services act as: no tenant limit. */
export const SERVICE_SCOPE: Scope = Object.freeze({ all: true });

/** Unit codes by level (county 6 digits, town 9, village 12). */
const byLevel = (units: string[]) => ({
  counties: units.filter((u) => u.length === 6),
  towns: units.filter((u) => u.length === 9),
  villages: units.filter((u) => u.length === 12),
});

export function scopeOf(principal: Principal, allowed: readonly Role[]): Scope | null {
  const grants = principal.grants.filter((g) => g.role === 'service' || allowed.includes(g.role));
  if (grants.length === 0) return null;
  if (grants.some((g) => g.role === 'service')) return SERVICE_SCOPE;
  const units = [...new Set(grants.map((g) => g.unit))];
  const full = grants.filter((g) => g.role !== 'paired-cadre').map((g) => g.unit);
  const paired = [
    ...new Set(
      grants
        .filter((g) => g.role === 'paired-cadre' && !full.some((u) => g.unit.startsWith(u)))
        .map((g) => g.unit),
    ),
  ];
  return {
    all: false,
    ...byLevel(units),
    ...(paired.length ? { pairedOnly: { cadre: principal.sub, units: paired } } : {}),
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
  if (scope.pairedOnly?.households) {
    const ids = { $in: scope.pairedOnly.households };
    return pairedScopeFilter(scope, {
      $or: [
        { householdId: ids },
        { subjectId: ids },
        { _id: ids },
        // a record about no household (a project, its output): the unit's, as before
        { householdId: { $exists: false }, subjectId: { $exists: false }, householdNumber: { $exists: false } },
      ],
    });
  }
  const or: Array<Record<string, unknown>> = [];
  if (scope.counties.length) or.push({ countyCode: { $in: scope.counties } });
  if (scope.towns.length) or.push({ townCode: { $in: scope.towns } });
  if (scope.villages.length) or.push({ villageCode: { $in: scope.villages } });
  if (or.length === 0) return { _id: { $in: [] } };
  return { $or: or };
}

/**
 * The scope filter of records that carry their paired cadres (`pairedCadreIds`: households): in units
 * held only as 帮扶责任人, only the records paired with the caller.
 */
export function pairedScopeFilter(
  scope: Scope,
  pairedRecords: Record<string, unknown> = scope.all ? {} : { pairedCadreIds: scope.pairedOnly?.cadre },
): Record<string, unknown> {
  if (scope.all || !scope.pairedOnly) return scopeFilter(scope);
  const { units } = scope.pairedOnly;
  const whole = scopeFilter({
    all: false,
    counties: scope.counties.filter((u) => !units.includes(u)),
    towns: scope.towns.filter((u) => !units.includes(u)),
    villages: scope.villages.filter((u) => !units.includes(u)),
  });
  const paired = { $and: [scopeFilter({ all: false, ...byLevel(units) }), pairedRecords] };
  return { $or: [whole, paired] };
}

/**
 * Is this household of that village visible to the caller? For results computed outside a scoped
 * query (e.g. a village's coverage rows): in units held only as 帮扶责任人, their paired households only.
 */
export function seesHousehold(scope: Scope, villageCode: string, householdId: string): boolean {
  if (!covers(scope, villageCode)) return false;
  if (scope.all || !scope.pairedOnly?.households) return true;
  const { units, households } = scope.pairedOnly;
  const elsewhere = [...scope.counties, ...scope.towns, ...scope.villages].some(
    (u) => !units.includes(u) && villageCode.startsWith(u),
  );
  return elsewhere || !units.some((u) => villageCode.startsWith(u)) || households.includes(householdId);
}

/**
 * Where an app keeps the pairings (帮扶责任人 per household) read from households' events: the
 * households paired with a cadre within the units. The guard asks it for a caller held only as
 * 帮扶责任人 somewhere, so every read of that app is limited to those households there.
 */
export interface PairedHouseholds {
  householdsPairedWith(cadre: string, units: string[]): Promise<string[]>;
}
export const PAIRED_HOUSEHOLDS = Symbol('PAIRED_HOUSEHOLDS');

/**
 * A query limited to the scope (the query as is for services). The scope's condition sits beside the
 * query's own keys when none collides (`{_id: x, $or: [...units]}`), so the database still sees the
 * `_id` or field equality at the top and serves it by its index (FerretDB pushes down top-level keys
 * only, and scanned the whole collection for `{$and: [{_id: x}, …]}`); `{$and: [query, scopeFilter]}`
 * otherwise (the query has its own `$or`).
 */
export function withinScope<Q extends object>(scope: Scope, query: Q): Q {
  if (scope.all) return query;
  const limit = scopeFilter(scope);
  if (Object.keys(limit).some((k) => k in query)) return { $and: [query, limit] } as unknown as Q;
  return { ...query, ...limit };
}

/** Every code from the county down to the unit: lets an entry be found by any unit above it. */
export function unitChain(unit: string): string[] {
  return [6, 9, 12].filter((n) => unit.length >= n).map((n) => unit.slice(0, n));
}
