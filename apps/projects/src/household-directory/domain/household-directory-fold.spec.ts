import { householdClosed, householdPairingChanged, householdRegistered } from '@lib/testing';
import { HouseholdDirectoryFold } from './household-directory-fold';

const cadres = (...ids: string[]) => ids.map((userId) => ({ userId, name: userId, orgUnit: '621299101' }));

/** The replay folds the registry's events as projects' live directory writes them (household-directory.ts). */
describe("projects' household directory fold (replay)", () => {
  it('keeps the first registration and closure, the newest pairing; ignores unknown households', () => {
    const fold = new HouseholdDirectoryFold();
    const reg = householdRegistered({
      householdId: 'hh-1',
      householdNumber: '0001',
      monitoringCategory: null,
    });
    const applied = fold.apply([
      householdPairingChanged({ householdId: 'hh-1', version: 1, cadres: cadres('u-early') }), // not known yet
      reg,
      householdRegistered({ householdId: 'hh-1', householdNumber: '9999' }), // redelivered: nothing
      householdPairingChanged({ householdId: 'hh-1', version: 3, cadres: cadres('u-a', 'u-b') }),
      // an older version read later changes nothing, as in the live write
      householdPairingChanged({ householdId: 'hh-1', version: 2, cadres: cadres('u-c') }),
      householdClosed({ householdId: 'hh-1', on: '2026-09-30', reason: 'death' }),
      householdClosed({ householdId: 'hh-1', on: '2026-10-31', reason: 'moved_out' }),
      householdClosed({ householdId: 'hh-2', on: '2026-09-30', reason: 'death' }),
    ]);
    expect(applied).toBe(3);
    expect(fold.documents.get('hh-1')).toEqual({
      _id: 'hh-1',
      householdNumber: '0001',
      countyCode: reg.data.countyCode,
      townCode: reg.data.townCode,
      villageCode: reg.data.villageCode,
      householdType: reg.data.householdType,
      memberCount: reg.data.memberCount,
      registeredAt: new Date(reg.data.registeredAt),
      pairedCadreIds: ['u-a', 'u-b'],
      pairingVersion: 3,
      closedOn: '2026-09-30',
      closureReason: 'death',
    });
    expect(fold.documents.has('hh-2')).toBe(false);
  });

  it('keeps a monitoring category when the registration names one', () => {
    const fold = new HouseholdDirectoryFold();
    fold.apply([householdRegistered({ householdId: 'hh-3', monitoringCategory: 'marginal_at_risk' })]);
    expect(fold.documents.get('hh-3')?.monitoringCategory).toBe('marginal_at_risk');
  });
});
