import { householdPairingChanged } from '@lib/testing';
import { CadreNamesFold } from './cadre-names-fold';

/** The replay folds the cadres' names as PairingsStore.rememberNames writes them: the newest naming wins. */
describe('paired cadre names fold (replay)', () => {
  it('keeps the naming of the newest event per cadre, whatever the household or version', () => {
    const fold = new CadreNamesFold();
    const applied = fold.apply([
      householdPairingChanged({
        householdId: 'hh-1',
        version: 2,
        at: '2026-05-02T00:00:00Z',
        cadres: [
          { userId: 'u-zhang', name: '张三', orgUnit: '621299101' },
          { userId: 'u-wang', name: '王五', orgUnit: '621299' },
        ],
      }),
      // older (another household, a late event): changes nothing
      householdPairingChanged({
        householdId: 'hh-2',
        version: 9,
        at: '2026-05-01T00:00:00Z',
        cadres: [{ userId: 'u-zhang', name: '张三（旧）', orgUnit: '621299102' }],
      }),
      // as old: changes nothing either
      householdPairingChanged({
        householdId: 'hh-3',
        at: '2026-05-02T00:00:00Z',
        cadres: [{ userId: 'u-wang', name: '王五（同时）', orgUnit: '621299' }],
      }),
      householdPairingChanged({
        householdId: 'hh-3',
        at: '2026-05-03T00:00:00Z',
        cadres: [{ userId: 'u-wang', name: '王五', orgUnit: '621299101' }],
      }),
    ]);
    expect(applied).toBe(3);
    expect([...fold.documents.values()]).toEqual([
      { _id: 'u-zhang', name: '张三', orgUnit: '621299101', namedAt: new Date('2026-05-02T00:00:00Z') },
      { _id: 'u-wang', name: '王五', orgUnit: '621299101', namedAt: new Date('2026-05-03T00:00:00Z') },
    ]);
  });
});
