/**
 * Rules of a project's plan (pure, no framework): dates, money, milestone status.
 */
import type { FieldProblem } from '@lib/service-kit';
import type { IsoDate } from '../../calendar';

export type MilestoneStatus = 'planned' | 'done' | 'overdue';

const toFen = (yuan: number) => Math.round(yuan * 100);

/** done once completed; overdue when the due date has passed without it; planned otherwise. */
export function milestoneStatus(
  m: { dueOn: IsoDate; completedOn: IsoDate | null },
  today: IsoDate,
): MilestoneStatus {
  if (m.completedOn) return 'done';
  return m.dueOn < today ? 'overdue' : 'planned';
}

export interface PlanInput {
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  budget?: number;
  fundSources: Array<{ amount: number }>;
  milestones: Array<{ dueOn: IsoDate; completedOn: IsoDate | null }>;
}

/** Problems of a project's plan, each naming the field (empty: fine). Also returns the budget to keep. */
export function checkPlan(p: PlanInput): { problems: FieldProblem[]; budget: number } {
  const problems: FieldProblem[] = [];
  if (p.endsOn !== null && p.endsOn < p.startsOn)
    problems.push({
      field: 'endsOn',
      reason: `不能早于项目开始日期 ${p.startsOn} (must not be before startsOn)`,
    });
  p.milestones.forEach((m, i) => {
    problems.push(...checkMilestoneDates(m, p.startsOn, `milestones.${i}.`));
  });
  const fundFen = p.fundSources.reduce((s, f) => s + toFen(f.amount), 0);
  let budget = p.budget ?? fundFen / 100;
  if (p.budget !== undefined && p.fundSources.length > 0 && toFen(p.budget) !== fundFen) {
    problems.push({
      field: 'fundSources',
      reason: `资金来源合计 ${fundFen / 100} 元与总投资 ${p.budget} 元不符 (fund sources must add up to the budget)`,
    });
    budget = p.budget;
  }
  return { problems, budget };
}

/** A milestone may not fall before the project starts, nor be done before the project starts. */
export function checkMilestoneDates(
  m: { dueOn: IsoDate; completedOn: IsoDate | null },
  projectStartsOn: IsoDate,
  prefix = '',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (m.dueOn < projectStartsOn)
    problems.push({
      field: `${prefix}dueOn`,
      reason: `里程碑日期不能早于项目开始日期 ${projectStartsOn} (must not be before the project start)`,
    });
  if (m.completedOn !== null && m.completedOn < projectStartsOn)
    problems.push({
      field: `${prefix}completedOn`,
      reason: `完成日期不能早于项目开始日期 ${projectStartsOn} (must not be before the project start)`,
    });
  return problems;
}
