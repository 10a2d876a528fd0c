import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal, Scope } from '@lib/auth';
import { orgUnitsOfVillage } from '@lib/contracts';
import { ProjectsClock } from '../../clock';
import { problemsError } from '../../problems';
import { presentProject } from '../domain/present-project';
import { checkPlan } from '../domain/project-rules';
import { CreateProjectBody } from '../projects.dto';
import { Project } from '../projects.schema';
import { ProjectsStore } from '../projects.store';

/** 立项: a project of a village in the caller's scope, its plan checked (dates, money, milestones). */
@Injectable()
export class CreateProject {
  constructor(
    private readonly projects: ProjectsStore,
    private readonly clock: ProjectsClock,
  ) {}

  async execute(scope: Scope, caller: Principal, body: CreateProjectBody) {
    const { problems, budget } = checkPlan(body);
    if (problems.length > 0) throw problemsError(problems);
    const now = new Date();
    const units = orgUnitsOfVillage(body.villageCode);
    const project: Project = {
      _id: randomUUID(),
      name: body.name,
      type: body.type,
      phase: body.phase,
      description: body.description,
      countyCode: units.countyCode,
      townCode: units.townCode,
      villageCode: body.villageCode,
      owner: body.owner,
      status: body.status,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      budget,
      fundSources: body.fundSources,
      milestones: body.milestones.map((m) => ({ milestoneId: randomUUID(), ...m })),
      responsiblePeople: body.responsiblePeople,
      createdBy: caller.name || caller.sub,
      createdAt: now,
      updatedAt: now,
    };
    await this.projects.create(scope, project);
    return presentProject(project, this.clock.today());
  }
}
