import { householdClosed, householdPairingChanged } from '@lib/testing';
import { PairingsFold } from './pairings-fold';

const cadre = (userId: string) => ({ userId, name: `干部${userId}`, orgUnit: '621299101' });

/** The replay folds pairings as PairingsReadModel.apply writes them: the newest version per household wins. */
describe('pairings fold (replay)', () => {
  it('keeps the newest version per household; older, repeated and other events change nothing', () => {
    const fold = new PairingsFold();
    const v3 = householdPairingChanged({
      householdId: 'hh-1',
      villageCode: '621299101201',
      version: 3,
      at: '2026-05-01T08:00:00Z',
      cadres: [cadre('u-b'), cadre('u-a')],
    });
    const applied = fold.apply([
      householdPairingChanged({ householdId: 'hh-1', version: 2, cadres: [cadre('u-z')] }),
      v3,
      householdPairingChanged({ householdId: 'hh-1', version: 3, cadres: [cadre('u-x')] }), // not newer
      householdPairingChanged({ householdId: 'hh-1', version: 1, cadres: [cadre('u-y')] }), // older, late
      householdPairingChanged({ householdId: 'hh-2', version: 1, cadres: [] }),
      householdClosed({ householdId: 'hh-1', on: '2026-09-30', reason: 'death' }),
    ]);
    expect(applied).toBe(3);
    expect([...fold.changed].sort()).toEqual(['hh-1', 'hh-2']);
    expect(fold.documents.get('hh-1')).toEqual({
      _id: 'hh-1',
      villageCode: '621299101201',
      cadreIds: ['u-b', 'u-a'], // the event's order
      version: 3,
      changedAt: new Date('2026-05-01T08:00:00Z'),
    });
    expect(fold.documents.get('hh-2')?.cadreIds).toEqual([]);
  });
});
