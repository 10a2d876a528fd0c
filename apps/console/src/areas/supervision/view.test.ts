import { describe, expect, it } from 'vitest';
import { daysCovered, parseOverride, reportChart, reportRows, reportTotals, unmatchedReasonKey, workingDaysChart, type TeamSummary } from './view';

const none = { morning_evening_only: [], commuting: [], missing_day: [], shared_device: [] };
const summary: TeamSummary = {
  teamId: 't',
  teamName: '三联村驻村工作队',
  villageCode: '621299101201',
  month: '2026-11',
  members: [
    {
      memberId: 'a',
      name: '王建军',
      role: 'first_secretary',
      month: '2026-11',
      requiredDays: 20,
      workingDays: 21,
      onPostDays: 21,
      shortfall: 0,
      meetsRequirement: true,
      missingDays: [],
      patternDays: none,
      excusedDays: ['2026-11-20'],
    },
    {
      memberId: 'b',
      name: '刘小红',
      role: 'member',
      month: '2026-11',
      requiredDays: 20,
      workingDays: 21,
      onPostDays: 12,
      shortfall: 8,
      meetsRequirement: false,
      missingDays: ['2026-11-03', '2026-11-04'],
      patternDays: { ...none, missing_day: ['2026-11-03', '2026-11-04'], commuting: ['2026-11-10'] },
      excusedDays: [],
    },
  ],
};

describe('驻村考勤月报', () => {
  it('gives each member their days against the requirement, the verdict and the patterns in Chinese', () => {
    const [a, b] = reportRows(summary);
    expect(a).toMatchObject({ name: '王建军', role: '第一书记', onPost: '21 / 20 天', verdict: '达标', excused: 1, flags: '无' });
    expect(b).toMatchObject({ role: '队员', onPost: '12 / 20 天', verdict: '差 8 天', meets: false });
    expect(b.flags).toBe('缺勤 2 天，走读 1 天');
  });

  it('counts the members who meet the requirement and the pass rate; none when no member', () => {
    expect(reportTotals(summary)).toEqual({ members: 2, passed: 1, rate: 0.5 });
    expect(reportTotals(null)).toEqual({ members: 0, passed: 0, rate: null });
  });

  it('charts the same figures as its table, a failing member in red, the requirement as a line', () => {
    const { option, table } = reportChart(summary);
    expect(table.rows).toEqual([
      ['王建军', 21, 20, 0, '达标'],
      ['刘小红', 12, 20, 8, '未达标'],
    ]);
    const bars = option.series[0].data as { value: number; itemStyle: { color: string } }[];
    expect(bars.map((d) => d.value)).toEqual([21, 12]);
    expect(bars[1].itemStyle.color).toBe('#c0392b');
    expect(option.series[0].markLine?.data[0].yAxis).toBe(20);
    expect(reportChart(null).table.rows).toEqual([]);
  });
});

describe('未匹配打卡 reasons', () => {
  it('maps the API reasons to label keys', () => {
    expect(unmatchedReasonKey('unknown userId')).toBe('unknown_user');
    expect(unmatchedReasonKey('unknown memberId')).toBe('unknown_member');
    expect(unmatchedReasonKey("member outside the client's org unit 621299101")).toBe('outside_unit');
    expect(unmatchedReasonKey('something new')).toBe('other');
    expect(unmatchedReasonKey(null)).toBeNull();
  });
});

describe('leave periods', () => {
  it('counts both ends, and nothing for a reversed or broken period', () => {
    expect(daysCovered('2026-11-03', '2026-11-05')).toBe(3);
    expect(daysCovered('2026-11-03', '2026-11-03')).toBe(1);
    expect(daysCovered('2026-12-30', '2027-01-02')).toBe(4);
    expect(daysCovered('2026-11-05', '2026-11-03')).toBe(0);
    expect(daysCovered('', '2026-11-03')).toBe(0);
  });
});

describe('工作日历 override as typed', () => {
  it('splits on lines, commas and spaces, sorts and drops repeats', () => {
    const r = parseOverride(2026, '2026-10-09\n2026-10-08, 2026-10-09', '2026-10-11');
    expect(r).toEqual({ holidays: ['2026-10-08', '2026-10-09'], workdays: ['2026-10-11'], problem: null });
  });

  it('names the field and the reason the API would give', () => {
    expect(parseOverride(2026, '2026-02-30', '').problem).toEqual({
      field: 'holidays',
      reason: '“2026-02-30”不是日期，请按 2026-10-01 的格式填写',
    });
    expect(parseOverride(2026, '', '2027-01-04').problem).toEqual({ field: 'workdays', reason: '2027-01-04 不在 2026 年内' });
    expect(parseOverride(2026, '2026-10-09', '2026-10-09').problem).toEqual({
      field: 'workdays',
      reason: '2026-10-09 不能既放假又上班',
    });
    expect(parseOverride(2026, '', '').problem).toBeNull();
  });
});

describe('working days per month', () => {
  it('labels the months in Chinese in order', () => {
    const { table } = workingDaysChart({ '2026-02': 15, '2026-01': 21 });
    expect(table.rows).toEqual([
      ['1月', 21],
      ['2月', 15],
    ]);
  });
});
