import { householdClosed, householdMemberAdded, householdRegistered, surveyRecorded } from '@lib/testing';
import { CoverageFold } from './coverage-fold';

const VILLAGE = '621299101201';
const TOWN = '621299101';
const registered = (householdId: string, registeredAt = '2026-09-10T18:00:00Z') =>
  householdRegistered({
    householdId,
    householdNumber: `N-${householdId}`,
    villageCode: VILLAGE,
    townCode: TOWN,
    registeredAt,
  });
const survey = (householdId: string, month: string, surveyId = `s-${householdId}-${month}`) =>
  surveyRecorded({
    householdId,
    month,
    surveyId,
    villageCode: VILLAGE,
    townCode: TOWN,
    visitedAt: `${month}-12T03:00:00Z`,
  });

/** The replay folds registrations, 注销 and surveys as the live coverage writes them (coverage.service.ts). */
describe('coverage fold (replay)', () => {
  it('enters a household once, from its registration in China time, and marks each month once', () => {
    const fold = new CoverageFold();
    const first = survey('hh-1', '2026-10', 's-first');
    const applied = fold.apply([
      registered('hh-1'),
      registered('hh-1', '2026-12-01T00:00:00Z'), // redelivered: the first is kept
      first,
      survey('hh-1', '2026-10', 's-second'), // the month is marked already
      survey('hh-1', '2026-11'),
      householdMemberAdded({ householdId: 'hh-1' }), // not coverage's
    ]);
    expect(applied).toBe(3);
    expect(fold.entry('hh-1')).toEqual({
      _id: 'hh-1',
      householdNumber: 'N-hh-1',
      countyCode: '621299',
      townCode: TOWN,
      villageCode: VILLAGE,
      fromMonth: '2026-09', // 18:00 UTC is the next day in China
      fromDay: 11,
      registeredAt: new Date('2026-09-10T18:00:00Z'),
    });
    expect(fold.mark('hh-1:2026-10')).toEqual({
      _id: 'hh-1:2026-10',
      householdId: 'hh-1',
      month: '2026-10',
      countyCode: '621299',
      townCode: TOWN,
      villageCode: VILLAGE,
      fromMonth: '2026-09',
      fromDay: 11,
      surveyId: 's-first',
      visitedAt: new Date('2026-10-12T03:00:00Z'),
      markedAt: new Date(first.time),
    });
    expect({ households: fold.households, marks: fold.marks }).toEqual({ households: 1, marks: 2 });
    expect([...fold.changedMarks].sort()).toEqual(['hh-1:2026-10', 'hh-1:2026-11']);
  });

  it('注销 removes the entry and marks; a later survey or redelivered registration counts nothing', () => {
    const fold = new CoverageFold();
    fold.apply([registered('hh-1'), survey('hh-1', '2026-10'), registered('hh-2')]);
    fold.changedEntries.clear();
    fold.changedMarks.clear();
    const applied = fold.apply([
      householdClosed({ householdId: 'hh-1', villageCode: VILLAGE, on: '2026-10-20', reason: 'death' }),
      householdClosed({ householdId: 'hh-1', villageCode: VILLAGE, on: '2026-10-31', reason: 'moved_out' }),
      survey('hh-1', '2026-11'),
      registered('hh-1'),
    ]);
    expect(applied).toBe(1);
    expect(fold.entry('hh-1')).toBeUndefined();
    expect(fold.mark('hh-1:2026-10')).toBeUndefined();
    expect(fold.mark('hh-1:2026-11')).toBeUndefined();
    // the flush removes what was written: both are named as changed, and answer undefined
    expect([...fold.changedEntries]).toEqual(['hh-1']);
    expect([...fold.changedMarks]).toEqual(['hh-1:2026-10']);
    expect(fold.entry('hh-2')).toBeDefined();
  });

  it("reads the two topics in either order: a mark takes its household's entry when it comes", () => {
    const fold = new CoverageFold();
    fold.apply([survey('hh-1', '2026-10')]); // monitoring.events.v1 read before households.events.v1
    expect(fold.mark('hh-1:2026-10')).toMatchObject({ fromMonth: null, fromDay: null });
    fold.changedMarks.clear();
    fold.apply([registered('hh-1')]);
    expect(fold.mark('hh-1:2026-10')).toMatchObject({ fromMonth: '2026-09', fromDay: 11 });
    expect([...fold.changedMarks]).toEqual(['hh-1:2026-10']); // rewritten by the next flush
  });
});
