import { chinaMonthDay, countByVillage, deadlineOf, mergeBuckets, statusOf } from './coverage-rule';

const N = 25;
const at = (iso: string) => new Date(iso);

describe('visit coverage rule (走访覆盖)', () => {
  it('reads months and days in China time (UTC+8)', () => {
    expect(chinaMonthDay(at('2026-10-31T16:30:00Z'))).toEqual({ month: '2026-11', day: 1 });
    expect(chinaMonthDay(at('2026-10-31T15:59:59Z'))).toEqual({ month: '2026-10', day: 31 });
  });

  it('is due until the end of day N (China time), overdue after', () => {
    const entry = { fromMonth: '2026-01', fromDay: 3 };
    expect(deadlineOf('2026-11', entry, N).toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(statusOf('2026-11', entry, false, at('2026-11-25T15:59:00Z'), N)).toBe('due');
    expect(statusOf('2026-11', entry, false, at('2026-11-25T16:00:01Z'), N)).toBe('overdue');
    expect(statusOf('2026-11', entry, true, at('2026-11-28T00:00:00Z'), N)).toBe('surveyed');
  });

  it('every unsurveyed household of a past month is overdue', () => {
    expect(
      statusOf('2026-10', { fromMonth: '2026-10', fromDay: 30 }, false, at('2026-11-02T00:00:00Z'), N),
    ).toBe('overdue');
  });

  it('counts a household from the month it entered; one entering after day N has until month end', () => {
    const late = { fromMonth: '2026-11', fromDay: 27 };
    expect(deadlineOf('2026-11', late, N).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(statusOf('2026-11', late, false, at('2026-11-28T00:00:00Z'), N)).toBe('due');
    expect(statusOf('2026-10', late, false, at('2026-11-28T00:00:00Z'), N)).toBeNull();
    // surveyed for a month before it entered: counted as surveyed all the same
    expect(statusOf('2026-10', late, true, at('2026-11-28T00:00:00Z'), N)).toBe('surveyed');
  });

  it('adds up per village', () => {
    const buckets = mergeBuckets(
      [
        { villageCode: 'A', fromMonth: '2026-09', fromDay: 1, n: 10 },
        { villageCode: 'A', fromMonth: '2026-11', fromDay: 2, n: 2 },
        { villageCode: 'A', fromMonth: '2026-11', fromDay: 27, n: 3 },
        { villageCode: 'B', fromMonth: '2026-12', fromDay: 1, n: 4 },
      ],
      [
        { villageCode: 'A', fromMonth: '2026-09', fromDay: 1, n: 7 },
        { villageCode: 'A', fromMonth: '2026-11', fromDay: 27, n: 1 },
        { villageCode: 'B', fromMonth: '2026-12', fromDay: 1, n: 1 },
      ],
    );
    expect(countByVillage(buckets, '2026-11', at('2026-11-28T00:00:00Z'), N)).toEqual([
      // 10 old (7 surveyed, 3 overdue) + 2 entered on the 2nd (overdue) + 3 entered on the 27th (1 surveyed, 2 due)
      { villageCode: 'A', households: 15, surveyed: 8, due: 2, overdue: 5 },
      { villageCode: 'B', households: 1, surveyed: 1, due: 0, overdue: 0 },
    ]);
  });
});
