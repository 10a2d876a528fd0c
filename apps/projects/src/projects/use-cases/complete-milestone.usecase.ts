import { ConflictException, Injectable } from '@nestjs/common';
import { notFound, Scope } from '@lib/auth';
import { ProjectsClock } from '../../clock';
import { problemsError } from '../../problems';
import { presentProject } from '../domain/present-project';
import { checkMilestoneDates } from '../domain/project-rules';
import { ProjectsStore } from '../projects.store';
import { GetProject } from './get-project.usecase';

/** Marks a milestone done on a day (not before the project's start, not in the future); retried when the project changed meanwhile. */
@Injectable()
export class CompleteMilestone {
  constructor(
    private readonly getProject: GetProject,
    private readonly projects: ProjectsStore,
    private readonly clock: ProjectsClock,
  ) {}

  async execute(scope: Scope, id: string, milestoneId: string, completedOn: string) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.getProject.execute(scope, id);
      const m = current.milestones.find((x) => x.milestoneId === milestoneId);
      if (!m) throw notFound(`该项目没有此里程碑 (no milestone ${milestoneId})`);
      const problems = checkMilestoneDates({ dueOn: m.dueOn, completedOn }, current.startsOn).filter(
        (p) => p.field === 'completedOn',
      );
      if (completedOn > this.clock.today())
        problems.push({ field: 'completedOn', reason: '不能晚于今天 (must not be in the future)' });
      if (problems.length > 0) throw problemsError(problems);
      const next = current.milestones.map((x) => (x.milestoneId === milestoneId ? { ...x, completedOn } : x));
      if (await this.projects.replaceMilestones(scope, id, current.milestones, next))
        return presentProject({ ...current, milestones: next }, this.clock.today());
    }
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: '项目正在被他人修改，请重试 (the project changed meanwhile, try again)',
    });
  }
}
