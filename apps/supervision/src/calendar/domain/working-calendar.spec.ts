import { summarizeMonth } from '../../attendance/domain/attendance-day';
import {
  changedMonths,
  countWorkingDays,
  mergeCalendars,
  NATIONAL_CALENDARS,
  range,
  workingDayOf,
} from './working-calendar';

const national = NATIONAL_CALENDARS[2026];
const october = range('2026-10-01', '2026-10-31');

describe('working calendar (工作日历: 节假日与调休)', () => {
  it('takes the 2026 national holidays off and works the 调休 weekend days', () => {
    const isWorking = workingDayOf(national);
    expect(isWorking('2026-10-01')).toBe(false); // 国庆, a Thursday
    expect(isWorking('2026-10-07')).toBe(false); // 国庆, a Wednesday
    expect(isWorking('2026-10-08')).toBe(true); // back at work
    expect(isWorking('2026-10-10')).toBe(true); // 调休: a Saturday worked
    expect(isWorking('2026-10-11')).toBe(false); // an ordinary Sunday
    expect(isWorking('2026-09-20')).toBe(true); // 调休: a Sunday worked
    expect(isWorking('2026-02-16')).toBe(false); // 春节, a Monday
    expect(isWorking('2026-02-14')).toBe(true); // 调休: a Saturday
    // October 2026: 22 weekdays − 5 holiday weekdays + 1 make-up Saturday
    expect(countWorkingDays(october, isWorking)).toBe(18);
  });

  it('falls back to Monday–Friday for a year without a calendar', () => {
    const isWorking = workingDayOf(null);
    expect(isWorking('2027-10-01')).toBe(true); // a Friday
    expect(isWorking('2027-10-02')).toBe(false); // a Saturday
  });

  it("lets a county's override win over the national listing", () => {
    const county = { holidays: ['2026-10-08', '2026-10-10'], workdays: ['2026-10-07'] };
    const merged = mergeCalendars(national, county);
    const isWorking = workingDayOf(merged);
    expect(isWorking('2026-10-08')).toBe(false); // a local holiday
    expect(isWorking('2026-10-10')).toBe(false); // the county does not work the 调休 Saturday
    expect(isWorking('2026-10-07')).toBe(true); // the county works a national holiday
    expect(merged.workdays).not.toContain('2026-10-10');
    expect(merged.holidays).not.toContain('2026-10-07');
    expect(isWorking('2026-10-01')).toBe(false); // the rest of the national calendar holds
  });

  it('names the months whose working days changed', () => {
    const before = workingDayOf(national);
    const after = workingDayOf(mergeCalendars(national, { holidays: ['2026-03-02'], workdays: [] }));
    expect(changedMonths(2026, before, after)).toEqual(['2026-03']);
    expect(changedMonths(2026, before, before)).toEqual([]);
    expect(changedMonths(2026, workingDayOf(null), before)).toEqual([
      '2026-01',
      '2026-02',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-09',
      '2026-10',
    ]);
  });

  it('judges a month by the calendar: no missing holidays, a missing 调休 day, the requirement capped', () => {
    const s = summarizeMonth({
      month: '2026-10',
      requiredDays: 20,
      posting: { from: '2026-09-01', to: null },
      days: [],
      through: '2026-10-31',
      isWorkingDay: workingDayOf(national),
    });
    expect(s.workingDays).toBe(18);
    expect(s.requiredDays).toBe(18); // 20 asked, the month has 18 working days
    expect(s.missingDays).not.toContain('2026-10-01');
    expect(s.missingDays).toContain('2026-10-10');
    expect(s.missingDays).toHaveLength(18);
  });
});
