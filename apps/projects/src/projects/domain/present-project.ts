import type { IsoDate } from '../../calendar';
import { milestoneStatus } from './project-rules';
import type { Project } from '../projects.schema';

/** A project as the API shows it: milestone status computed for today. */
export function presentProject(p: Project, today: IsoDate) {
  const { _id, ...rest } = p;
  const milestones = p.milestones.map((m) => ({ ...m, status: milestoneStatus(m, today) }));
  return {
    id: _id,
    ...rest,
    milestones,
    overdueMilestones: milestones.filter((m) => m.status === 'overdue').length,
  };
}
