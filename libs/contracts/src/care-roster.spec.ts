import {
  careFrequenciesInForce,
  careVisitDaysOverdue,
  careVisitDueOn,
  careVisitStatus,
  DEFAULT_CARE_VISIT_FREQUENCY_DAYS,
  isCareVisitOverdue,
} from './care-roster';

describe('关爱走访: due and overdue', () => {
  it('is due the frequency after the last visit, or after joining the roster when never visited', () => {
    expect(careVisitDueOn('2026-10-01', '2026-09-01', 7)).toBe('2026-10-08');
    expect(careVisitDueOn(null, '2026-09-28', 7)).toBe('2026-10-05');
    // a visit recorded before the person joined the roster does not count
    expect(careVisitDueOn('2026-08-01', '2026-09-28', 30)).toBe('2026-10-28');
    // across a month and a year end, and a leap day
    expect(careVisitDueOn('2026-12-28', '2026-01-01', 7)).toBe('2027-01-04');
    expect(careVisitDueOn('2028-02-25', '2028-01-01', 7)).toBe('2028-03-03');
  });

  it('is overdue only once the due day has passed', () => {
    expect(isCareVisitOverdue('2026-10-08', '2026-10-07')).toBe(false);
    expect(isCareVisitOverdue('2026-10-08', '2026-10-08')).toBe(false);
    expect(isCareVisitOverdue('2026-10-08', '2026-10-09')).toBe(true);
    expect(careVisitDaysOverdue('2026-10-08', '2026-10-08')).toBe(0);
    expect(careVisitDaysOverdue('2026-10-08', '2026-10-20')).toBe(12);
  });

  it("reads the county's frequency for the group over the defaults", () => {
    const county = careFrequenciesInForce({ left_behind_child: 14 });
    expect(county.left_behind_child).toBe(14);
    expect(county.living_alone_elderly).toBe(DEFAULT_CARE_VISIT_FREQUENCY_DAYS.living_alone_elderly);
    expect(careFrequenciesInForce(null)).toEqual(DEFAULT_CARE_VISIT_FREQUENCY_DAYS);
    expect(DEFAULT_CARE_VISIT_FREQUENCY_DAYS.living_alone_elderly).toBe(7);
    expect(DEFAULT_CARE_VISIT_FREQUENCY_DAYS.left_behind_child).toBe(30);

    const elderly = {
      group: 'living_alone_elderly' as const,
      since: '2026-09-01',
      lastVisitedOn: '2026-10-01',
    };
    expect(careVisitStatus(elderly, county, '2026-10-08')).toEqual({
      frequencyDays: 7,
      dueOn: '2026-10-08',
      overdue: false,
      daysOverdue: 0,
    });
    expect(careVisitStatus(elderly, county, '2026-10-10')).toMatchObject({ overdue: true, daysOverdue: 2 });
    // the same last visit, a child visited monthly by default and every 14 days in this county
    const child = { ...elderly, group: 'left_behind_child' as const };
    expect(careVisitStatus(child, careFrequenciesInForce(null), '2026-10-20').overdue).toBe(false);
    expect(careVisitStatus(child, county, '2026-10-20')).toMatchObject({
      dueOn: '2026-10-15',
      overdue: true,
    });
  });
});
