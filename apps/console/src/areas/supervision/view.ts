/** View logic of 驻村管理 (pure: unit-tested in view.test.ts). */
import { labelOf } from '@lib/contracts/labels';

export type Pattern = 'morning_evening_only' | 'commuting' | 'missing_day' | 'shared_device';
export const PATTERNS: Pattern[] = ['missing_day', 'morning_evening_only', 'commuting', 'shared_device'];

/** One member's line of the team month report (GET /api/v1/attendance/team-summary). */
export interface MemberSummary {
  memberId: string;
  name: string;
  role: string;
  month: string;
  requiredDays: number;
  workingDays: number;
  onPostDays: number;
  shortfall: number;
  meetsRequirement: boolean;
  missingDays: string[];
  patternDays: Record<Pattern, string[]>;
  excusedDays: string[];
}
export interface TeamSummary {
  teamId: string;
  teamName: string;
  villageCode: string;
  month: string;
  members: MemberSummary[];
}

export interface ReportRow extends Record<string, unknown> {
  memberId: string;
  name: string;
  role: string;
  onPost: string;
  shortfall: number;
  verdict: string;
  meets: boolean;
  excused: number;
  flags: string;
}

/** The report as table rows: 在岗 12 / 20 天, 达标 or 差 8 天, and the days of each pattern. */
export function reportRows(s: TeamSummary | null): ReportRow[] {
  return (s?.members ?? []).map((m) => {
    const flags = PATTERNS.filter((p) => (m.patternDays?.[p]?.length ?? 0) > 0).map(
      (p) => `${labelOf('attendancePattern', p)} ${m.patternDays[p].length} 天`,
    );
    return {
      memberId: m.memberId,
      name: m.name,
      role: labelOf('teamMemberRole', m.role),
      onPost: `${m.onPostDays} / ${m.requiredDays} 天`,
      shortfall: m.shortfall,
      verdict: m.meetsRequirement ? '达标' : `差 ${m.shortfall} 天`,
      meets: m.meetsRequirement,
      excused: m.excusedDays?.length ?? 0,
      flags: flags.length ? flags.join('，') : '无',
    };
  });
}

/** On-post days against the requirement per member: the bars and the same figures as a table. */
export function reportChart(s: TeamSummary | null) {
  const ms = s?.members ?? [];
  const required = ms.length ? Math.max(...ms.map((m) => m.requiredDays)) : 0;
  return {
    option: {
      tooltip: { trigger: 'axis' as const },
      legend: { data: ['在岗天数', '应在岗天数'], top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 48, containLabel: true },
      xAxis: { type: 'category' as const, data: ms.map((m) => m.name), axisLabel: { interval: 0 } },
      yAxis: { type: 'value' as const, minInterval: 1, name: '天' },
      series: [
        {
          name: '在岗天数',
          type: 'bar' as const,
          data: ms.map((m) => ({
            value: m.onPostDays,
            itemStyle: { color: m.meetsRequirement ? '#2e7d32' : '#c0392b' },
          })),
          markLine: required
            ? { symbol: 'none', data: [{ yAxis: required, name: '应在岗' }], label: { formatter: `应在岗 ${required} 天`, position: 'insideEndTop' as const } }
            : undefined,
        },
        { name: '应在岗天数', type: 'bar' as const, data: ms.map((m) => m.requiredDays), itemStyle: { color: '#b0bec5' } },
      ],
    },
    table: {
      headers: ['队员', '在岗天数', '应在岗天数', '差额', '是否达标'],
      rows: ms.map((m) => [m.name, m.onPostDays, m.requiredDays, m.shortfall, m.meetsRequirement ? '达标' : '未达标']),
    },
  };
}

/** Totals of the report: members, those meeting the requirement, and the pass rate (0..1, or null). */
export function reportTotals(s: TeamSummary | null) {
  const ms = s?.members ?? [];
  const passed = ms.filter((m) => m.meetsRequirement).length;
  return { members: ms.length, passed, rate: ms.length ? passed / ms.length : null };
}

/** The API's reason a check-in was kept aside, as a key of the `unmatchedReason` labels. */
export function unmatchedReasonKey(reason: string | null | undefined): string | null {
  if (!reason) return null;
  if (reason.startsWith('unknown userId')) return 'unknown_user';
  if (reason.startsWith('unknown memberId')) return 'unknown_member';
  if (reason.startsWith('member outside')) return 'outside_unit';
  return 'other';
}

/** Days from `from` to `to`, both counted (a leave of 2026-11-03..2026-11-05 is 3 days). */
export function daysCovered(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return 0;
  return Math.round((b - a) / 86_400_000) + 1;
}

const realDay = (d: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
};

/**
 * A county's calendar override as typed (one day per line or separated by commas/spaces): the days
 * sorted and deduplicated, and the first problem the API would name (same rules: a real date, in the
 * year, not both a holiday and a workday).
 */
export function parseOverride(
  year: number,
  holidaysText: string,
  workdaysText: string,
): { holidays: string[]; workdays: string[]; problem: { field: 'holidays' | 'workdays'; reason: string } | null } {
  const split = (t: string) => [...new Set(t.split(/[\s,，、;；]+/).filter(Boolean))].sort();
  const holidays = split(holidaysText);
  const workdays = split(workdaysText);
  for (const [field, days] of [
    ['holidays', holidays],
    ['workdays', workdays],
  ] as const) {
    const bad = days.find((d) => !realDay(d));
    if (bad) return { holidays, workdays, problem: { field, reason: `“${bad}”不是日期，请按 2026-10-01 的格式填写` } };
    const other = days.find((d) => !d.startsWith(`${year}-`));
    if (other) return { holidays, workdays, problem: { field, reason: `${other} 不在 ${year} 年内` } };
  }
  if (holidays.length > 120) return { holidays, workdays, problem: { field: 'holidays', reason: '放假日最多 120 天' } };
  if (workdays.length > 60) return { holidays, workdays, problem: { field: 'workdays', reason: '调休上班日最多 60 天' } };
  const both = workdays.find((d) => holidays.includes(d));
  if (both) return { holidays, workdays, problem: { field: 'workdays', reason: `${both} 不能既放假又上班` } };
  return { holidays, workdays, problem: null };
}

/** The month's working days as chart bars (1月 … 12月) and a table. */
export function workingDaysChart(perMonth: Record<string, number> | null | undefined) {
  const months = Object.keys(perMonth ?? {}).sort();
  const label = (m: string) => `${Number(m.slice(5, 7))}月`;
  return {
    option: {
      tooltip: { trigger: 'axis' as const },
      grid: { left: 8, right: 16, bottom: 8, top: 24, containLabel: true },
      xAxis: { type: 'category' as const, data: months.map(label) },
      yAxis: { type: 'value' as const, minInterval: 1, name: '天' },
      series: [{ name: '工作日', type: 'bar' as const, data: months.map((m) => perMonth![m]) }],
    },
    table: { headers: ['月份', '工作日（天）'], rows: months.map((m) => [label(m), perMonth![m]]) },
  };
}
