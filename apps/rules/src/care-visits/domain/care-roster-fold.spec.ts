import {
  careFrequenciesSet,
  careRosterMemberAdded,
  careRosterMemberChanged,
  careRosterMemberRemoved,
  householdCareVisitRecorded,
  householdRegistered,
} from '@lib/testing';
import { CareRosterFold, frequenciesCollectionOf } from './care-roster-fold';

/** The replay folds the roster's events as the live store writes them (care-roster.store.ts). */
describe('care roster fold (replay)', () => {
  const added = careRosterMemberAdded();
  const id = added.data.rosterId;
  const visit = (visitedOn: string, pairingId = id) =>
    householdCareVisitRecorded({ householdId: added.data.householdId, pairingId, visitedOn });

  it('sets entries, keeps the newest visit through a change, marks removals; ignores unknown entries', () => {
    const fold = new CareRosterFold();
    const changed = careRosterMemberChanged({
      ...added.data,
      carer: { name: '李四' },
      at: '2026-10-03T02:00:00.000Z',
    });
    const applied = fold.apply([
      visit('2026-09-01'), // before the entry is known: nothing
      added,
      visit('2026-10-02'),
      visit('2026-09-20'), // older than the last visit: nothing
      visit('2026-10-02'), // redelivered: nothing
      changed,
      careRosterMemberRemoved({ ...added.data, rosterId: 'someone-else' }),
      householdRegistered(), // not the roster's
    ]);
    expect(applied).toBe(3);
    expect([...fold.changedMembers]).toEqual([id]);
    const { rosterId: _r, by: _b, at, changed: _c, ...entry } = changed.data;
    expect(fold.members.get(id)).toEqual({
      _id: id,
      ...entry,
      updatedAt: at,
      lastVisitedOn: '2026-10-02',
      removed: false,
    });

    expect(
      fold.apply([careRosterMemberRemoved({ ...added.data }), careRosterMemberRemoved({ ...added.data })]),
    ).toBe(1);
    expect(fold.members.get(id)).toMatchObject({ removed: true, lastVisitedOn: '2026-10-02' });
    expect(fold.members.has('someone-else')).toBe(false);
  });

  it("keeps a county's newest frequencies, whatever the order they come in", () => {
    const fold = new CareRosterFold();
    const older = careFrequenciesSet({
      countyCode: '621299',
      frequencies: { living_alone_elderly: 14 },
      at: '2026-09-01T00:00:00.000Z',
    });
    const newer = careFrequenciesSet({
      countyCode: '621299',
      frequencies: { living_alone_elderly: 5 },
      at: '2026-10-01T00:00:00.000Z',
    });
    expect(fold.apply([newer, older, newer])).toBe(1);
    expect(fold.frequencies.get('621299')).toEqual({
      _id: '621299',
      frequencies: { living_alone_elderly: 5 },
      at: newer.data.at,
    });
    expect([...fold.changedCounties]).toEqual(['621299']);
  });

  it("names the frequencies' collection after the roster's", () => {
    expect(frequenciesCollectionOf('care_roster')).toBe('care_frequencies');
    expect(frequenciesCollectionOf('care_roster_r20261204191000123')).toBe(
      'care_frequencies_r20261204191000123',
    );
  });
});
