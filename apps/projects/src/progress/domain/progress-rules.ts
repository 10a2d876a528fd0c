/**
 * 项目进度: what the progress check finds (pure). Each finding has a deterministic key so it is
 * raised once per period: an overdue milestone once per milestone and due date, a project without
 * sales once per month, a beneficiary without benefit once per year.
 */
import { addMonths, covers, daysBetween, IsoDate } from '../../calendar';

export interface ProjectView {
  _id: string;
  name: string;
  status: string;
  townCode: string;
  villageCode: string;
  startsOn: IsoDate;
  milestones: Array<{ milestoneId: string; title: string; dueOn: IsoDate; completedOn: IsoDate | null }>;
}
export interface LinkView {
  _id: string;
  projectId: string;
  householdId: string;
  householdTownCode: string;
  householdVillageCode: string;
  kind: string;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
}

export interface OverdueMilestone {
  key: string;
  projectId: string;
  projectName: string;
  townCode: string;
  villageCode: string;
  milestoneId: string;
  title: string;
  dueOn: IsoDate;
  daysOverdue: number;
}
export interface StalledSales {
  key: string;
  projectId: string;
  projectName: string;
  townCode: string;
  villageCode: string;
  lastSaleOn: IsoDate | null;
  months: number;
  period: string;
}
export interface WithoutBenefit {
  key: string;
  beneficiaryId: string;
  projectId: string;
  projectName: string;
  householdId: string;
  townCode: string;
  villageCode: string;
  kind: string;
  year: number;
}

/** Projects still under way are checked; completed or suspended ones are not. */
const checked = (p: ProjectView) => p.status === 'planning' || p.status === 'active';

export function overdueMilestones(projects: ProjectView[], asOf: IsoDate): OverdueMilestone[] {
  return projects.filter(checked).flatMap((p) =>
    p.milestones
      .filter((m) => !m.completedOn && m.dueOn < asOf)
      .map((m) => ({
        key: `milestone-overdue:${p._id}:${m.milestoneId}:${m.dueOn}`,
        projectId: p._id,
        projectName: p.name,
        townCode: p.townCode,
        villageCode: p.villageCode,
        milestoneId: m.milestoneId,
        title: m.title,
        dueOn: m.dueOn,
        daysOverdue: daysBetween(m.dueOn, asOf),
      })),
  );
}

/** Active projects whose last sale (or start, when none) is `months` or more months before asOf. */
export function stalledSales(
  projects: ProjectView[],
  lastSaleOn: Map<string, IsoDate | null>,
  months: number,
  asOf: IsoDate,
): StalledSales[] {
  return projects
    .filter((p) => p.status === 'active')
    .flatMap((p) => {
      const last = lastSaleOn.get(p._id) ?? null;
      const since = last ?? p.startsOn;
      if (addMonths(since, months) > asOf) return [];
      const period = asOf.slice(0, 7);
      return [
        {
          key: `sales-stalled:${p._id}:${period}`,
          projectId: p._id,
          projectName: p.name,
          townCode: p.townCode,
          villageCode: p.villageCode,
          lastSaleOn: last,
          months,
          period,
        },
      ];
    });
}

/**
 * Links in force on asOf, of a project under way, that received nothing this year although
 * `graceDays` passed since the later of 1 January and the link's start.
 */
export function withoutBenefit(
  projects: ProjectView[],
  links: LinkView[],
  paidThisYear: Set<string>,
  graceDays: number,
  asOf: IsoDate,
): WithoutBenefit[] {
  const year = Number(asOf.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const byId = new Map(projects.filter(checked).map((p) => [p._id, p]));
  return links.flatMap((l) => {
    const p = byId.get(l.projectId);
    if (!p || !covers(l.startsOn, l.endsOn, asOf) || paidThisYear.has(l._id)) return [];
    const since = l.startsOn > yearStart ? l.startsOn : yearStart;
    if (daysBetween(since, asOf) < graceDays) return [];
    return [
      {
        key: `without-benefit:${l._id}:${year}`,
        beneficiaryId: l._id,
        projectId: p._id,
        projectName: p.name,
        householdId: l.householdId,
        townCode: l.householdTownCode,
        villageCode: l.householdVillageCode,
        kind: l.kind,
        year,
      },
    ];
  });
}
