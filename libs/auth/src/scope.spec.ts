import { Principal } from './roles';
import {
  covers,
  pairedScopeFilter,
  scopeFilter,
  scopeOf,
  seesHousehold,
  SERVICE_SCOPE,
  unitChain,
  withinScope,
} from './scope';

const user = (grants: Principal['grants']): Principal => ({ sub: 'u', kind: 'user', name: 'u', grants });

describe('scope of a caller', () => {
  it('is the units of the roles allowed for the action, and nothing else', () => {
    const p = user([
      { role: 'auditor', unit: '621299' },
      { role: 'village-cadre', unit: '621299101201' },
    ]);
    expect(scopeOf(p, ['village-cadre'])).toEqual({
      all: false,
      counties: [],
      towns: [],
      villages: ['621299101201'],
    });
    expect(scopeOf(p, ['auditor', 'village-cadre'])).toMatchObject({ counties: ['621299'] });
    expect(scopeOf(p, ['county-admin'])).toBeNull();
  });

  it('is everything for the service identity', () => {
    expect(scopeOf(user([{ role: 'service', unit: '*' }]), ['county-admin'])).toBe(SERVICE_SCOPE);
  });

  it('covers the units below, not beside or above', () => {
    const s = scopeOf(user([{ role: 'town-official', unit: '621299101' }]), ['town-official'])!;
    expect(covers(s, '621299101201')).toBe(true);
    expect(covers(s, '621299101')).toBe(true);
    expect(covers(s, '621299102201')).toBe(false);
    expect(covers(s, '621299')).toBe(false);
    expect(covers(SERVICE_SCOPE, '999999')).toBe(true);
  });

  it('filters on county, town and village codes; an empty scope matches nothing', () => {
    const s = scopeOf(
      user([
        { role: 'county-admin', unit: '621299' },
        { role: 'county-admin', unit: '621300101' },
      ]),
      ['county-admin'],
    )!;
    expect(scopeFilter(s)).toEqual({
      $or: [{ countyCode: { $in: ['621299'] } }, { townCode: { $in: ['621300101'] } }],
    });
    expect(scopeFilter({ all: false, counties: [], towns: [], villages: [] })).toEqual({ _id: { $in: [] } });
    // beside the query's own keys (an _id lookup stays indexable), under $and when a key collides
    expect(withinScope(s, { _id: 'x' })).toEqual({ _id: 'x', ...scopeFilter(s) });
    const ownOr = { $or: [{ month: '2026-10' }, { month: '2026-11' }] };
    expect(withinScope(s, ownOr)).toEqual({ $and: [ownOr, scopeFilter(s)] });
    expect(withinScope(SERVICE_SCOPE, { _id: 'x' })).toEqual({ _id: 'x' });
  });

  it('limits a 帮扶责任人 to their paired records where they hold no other role, on records that carry pairings', () => {
    const p = user([
      { role: 'paired-cadre', unit: '621299101201' },
      { role: 'paired-cadre', unit: '621299101202' },
      { role: 'village-cadre', unit: '621299101202' },
    ]);
    const s = scopeOf(p, ['paired-cadre', 'village-cadre'])!;
    expect(s).toMatchObject({ pairedOnly: { cadre: 'u', units: ['621299101201'] } });
    expect(pairedScopeFilter(s)).toEqual({
      $or: [
        { $or: [{ villageCode: { $in: ['621299101202'] } }] },
        { $and: [{ $or: [{ villageCode: { $in: ['621299101201'] } }] }, { pairedCadreIds: 'u' }] },
      ],
    });
    // other records (surveys, alerts) keep the whole unit
    expect(scopeFilter(s)).toEqual({ $or: [{ villageCode: { $in: ['621299101201', '621299101202'] } }] });
    expect(scopeOf(p, ['village-cadre'])).not.toHaveProperty('pairedOnly');
  });

  it('names every unit from the county down', () => {
    expect(unitChain('621299101201')).toEqual(['621299', '621299101', '621299101201']);
    expect(unitChain('621299')).toEqual(['621299']);
  });
});

describe('a 帮扶责任人 in an app that keeps the pairings', () => {
  it('limits the paired units to the records about the paired households', () => {
    const s = scopeOf(user([{ role: 'paired-cadre', unit: '621299101201' }]), ['paired-cadre'])!;
    if (s.all || !s.pairedOnly) throw new Error('expected a paired scope');
    s.pairedOnly.households = ['h1'];
    const ids = { $in: ['h1'] };
    expect(scopeFilter(s)).toEqual({
      $or: [
        { _id: { $in: [] } },
        {
          $and: [
            { $or: [{ villageCode: { $in: ['621299101201'] } }] },
            {
              $or: [
                { householdId: ids },
                { subjectId: ids },
                { _id: ids },
                {
                  householdId: { $exists: false },
                  subjectId: { $exists: false },
                  householdNumber: { $exists: false },
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('answers per household for results computed outside a query (coverage rows)', () => {
    const s = scopeOf(
      user([
        { role: 'paired-cadre', unit: '621299101201' },
        { role: 'village-cadre', unit: '621299101202' },
      ]),
      ['paired-cadre', 'village-cadre'],
    )!;
    if (s.all || !s.pairedOnly) throw new Error('expected a paired scope');
    s.pairedOnly.households = ['h1'];
    expect(seesHousehold(s, '621299101201', 'h1')).toBe(true);
    expect(seesHousehold(s, '621299101201', 'h2')).toBe(false);
    expect(seesHousehold(s, '621299101202', 'h2')).toBe(true);
    expect(seesHousehold(s, '621299101203', 'h1')).toBe(false);
    expect(seesHousehold(SERVICE_SCOPE, '621299101203', 'h1')).toBe(true);
  });
});
