import { Injectable } from '@nestjs/common';
import { notFound, Scope } from '@lib/auth';
import { ProjectsClock } from '../../clock';
import { problemsError } from '../../problems';
import { presentProject } from '../domain/present-project';
import { UpdateProjectBody } from '../projects.dto';
import { Project } from '../projects.schema';
import { ProjectsStore } from '../projects.store';
import { GetProject } from './get-project.usecase';

/** Changes a project's plan or status (its end not before its start). */
@Injectable()
export class UpdateProject {
  constructor(
    private readonly getProject: GetProject,
    private readonly projects: ProjectsStore,
    private readonly clock: ProjectsClock,
  ) {}

  async execute(scope: Scope, id: string, body: UpdateProjectBody) {
    const current = await this.getProject.execute(scope, id);
    if (body.endsOn && body.endsOn < current.startsOn)
      throw problemsError([
        { field: 'endsOn', reason: `不能早于项目开始日期 ${current.startsOn} (must not be before startsOn)` },
      ]);
    const updated = await this.projects.update(scope, id, body as Partial<Project>);
    if (!updated) throw notFound(`未找到该项目 (no project ${id})`);
    return presentProject(updated, this.clock.today());
  }
}
