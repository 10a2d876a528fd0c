/** View logic of 产业项目 (pure: unit-tested in view.test.ts). */
import { labelOf } from '@lib/contracts/labels';

export interface Milestone extends Record<string, unknown> {
  milestoneId: string;
  title: string;
  dueOn: string;
  completedOn: string | null;
  status: 'planned' | 'done' | 'overdue';
}
export interface Project extends Record<string, unknown> {
  id: string;
  name: string;
  type: string;
  phase: string | null;
  description: string | null;
  countyCode: string;
  townCode: string;
  villageCode: string;
  owner: { kind: string; name: string };
  status: string;
  startsOn: string;
  endsOn: string | null;
  budget: number;
  fundSources: { source: string; amount: number; note: string | null }[];
  milestones: Milestone[];
  responsiblePeople: { name: string; role: string }[];
  overdueMilestones: number;
}

/** The sum of the fund sources in yuan, exact to the fen (the API's budget when none is given). */
export function budgetOf(sources: { amount?: number | null }[]): number {
  return sources.reduce((s, f) => s + Math.round((f.amount ?? 0) * 100), 0) / 100;
}

/** Milestones done / all, and a tag type for each status. */
export function milestoneProgress(ms: Milestone[]): { done: number; all: number; share: number | null } {
  const done = ms.filter((m) => m.status === 'done').length;
  return { done, all: ms.length, share: ms.length ? done / ms.length : null };
}
export const milestoneTag = (s: string) => (s === 'done' ? 'success' : s === 'overdue' ? 'danger' : 'info');
export const statusTag = (s: string) =>
  s === 'active' ? 'success' : s === 'suspended' ? 'danger' : s === 'completed' ? 'info' : 'warning';

/** The progress report (GET /api/v1/projects/progress). */
export interface ProgressReport {
  asOf: string;
  overdueMilestones: {
    key: string;
    projectId: string;
    projectName: string;
    villageCode: string;
    title: string;
    dueOn: string;
    daysOverdue: number;
  }[];
  projectsWithoutSales: {
    key: string;
    projectId: string;
    projectName: string;
    villageCode: string;
    lastSaleOn: string | null;
    months: number;
  }[];
  beneficiariesWithoutBenefit: {
    key: string;
    projectId: string;
    projectName: string;
    villageCode: string;
    householdId: string;
    kind: string;
    year: number;
  }[];
}

interface Finding {
  key: string;
  kind: 'overdue_milestone' | 'stalled_sales' | 'without_benefit';
  projectId: string;
  projectName: string;
  villageCode: string;
  detail: string;
  householdId: string | null;
}
export interface FindingRow extends Finding, Record<string, unknown> {
  kindLabel: string;
}

/** The three kinds of findings as one list of rows (optionally of one project), most urgent first. */
export function findingRows(r: ProgressReport | null, projectId?: string): FindingRow[] {
  if (!r) return [];
  const rows: Finding[] = [
    ...r.overdueMilestones.map((f) => ({
      key: f.key,
      kind: 'overdue_milestone' as const,
      projectId: f.projectId,
      projectName: f.projectName,
      villageCode: f.villageCode,
      detail: `“${f.title}”应于 ${f.dueOn} 完成，已逾期 ${f.daysOverdue} 天`,
      householdId: null,
    })),
    ...r.projectsWithoutSales.map((f) => ({
      key: f.key,
      kind: 'stalled_sales' as const,
      projectId: f.projectId,
      projectName: f.projectName,
      villageCode: f.villageCode,
      detail: f.lastSaleOn ? `最近一次销售在 ${f.lastSaleOn}，已超过 ${f.months} 个月` : `开工以来超过 ${f.months} 个月无销售记录`,
      householdId: null,
    })),
    ...r.beneficiariesWithoutBenefit.map((f) => ({
      key: f.key,
      kind: 'without_benefit' as const,
      projectId: f.projectId,
      projectName: f.projectName,
      villageCode: f.villageCode,
      detail: `${f.year} 年尚未获得${labelOf('projectBenefitKind', f.kind)}`,
      householdId: f.householdId,
    })),
  ];
  return rows
    .filter((x) => !projectId || x.projectId === projectId)
    .map((x) => ({ ...x, kindLabel: labelOf('progressFindingKind', x.kind) }));
}

/** Sales by channel as a pie and a table (amounts in yuan). */
export function salesChart(byChannel: { channel: string; amount: number; count?: number }[]) {
  const rows = byChannel.map((c) => ({ name: labelOf('salesChannel', c.channel), value: c.amount }));
  return {
    option: {
      tooltip: { trigger: 'item' as const, formatter: '{b}：{c} 元（{d}%）' },
      legend: { bottom: 0 },
      series: [{ type: 'pie' as const, radius: ['35%', '65%'], data: rows, label: { formatter: '{b}\n{d}%' } }],
    },
    table: {
      headers: ['销售渠道', '销售额（元）'],
      rows: rows.map((r) => [r.name, r.value.toFixed(2)]),
    },
  };
}
