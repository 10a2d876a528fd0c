import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { notFound, Scope } from '@lib/auth';
import { ProjectsClock } from '../../clock';
import { problemsError } from '../../problems';
import { presentProject } from '../domain/present-project';
import { checkMilestoneDates } from '../domain/project-rules';
import { MilestoneBody } from '../projects.dto';
import { ProjectsStore } from '../projects.store';
import { GetProject } from './get-project.usecase';

/** Adds a milestone (里程碑) to a project, its dates checked against the project's start. */
@Injectable()
export class AddMilestone {
  constructor(
    private readonly getProject: GetProject,
    private readonly projects: ProjectsStore,
    private readonly clock: ProjectsClock,
  ) {}

  async execute(scope: Scope, id: string, body: MilestoneBody) {
    const current = await this.getProject.execute(scope, id);
    const problems = checkMilestoneDates(body, current.startsOn);
    if (problems.length > 0) throw problemsError(problems);
    const updated = await this.projects.addMilestone(scope, id, { milestoneId: randomUUID(), ...body });
    if (!updated) throw notFound(`未找到该项目 (no project ${id})`);
    return presentProject(updated, this.clock.today());
  }
}
