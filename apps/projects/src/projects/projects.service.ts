import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { notFound, Principal, Scope } from '@lib/auth';
import { orgUnitsOfVillage } from '@lib/contracts';
import { todayIn } from '../calendar';
import { PROJECTS_CONFIG, ProjectsConfig } from '../config';
import { problemsError } from '../problems';
import { CreateProjectBody, MilestoneBody, UpdateProjectBody } from './project.dto';
import { checkMilestoneDates, checkPlan } from './project-rules';
import { Project } from './project.schema';
import { ProjectsRepository } from './projects.repository';
import { presentProject } from './present-project';

@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    @Inject(PROJECTS_CONFIG) private readonly config: ProjectsConfig,
  ) {}

  today() {
    return todayIn(this.config.PROJECTS_TIMEZONE);
  }

  async get(scope: Scope, id: string): Promise<Project> {
    const p = await this.projects.findById(scope, id);
    if (!p) throw notFound(`未找到该项目 (no project ${id})`);
    return p;
  }

  async create(scope: Scope, caller: Principal, body: CreateProjectBody) {
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
    return presentProject(project, this.today());
  }

  async update(scope: Scope, id: string, body: UpdateProjectBody) {
    const current = await this.get(scope, id);
    if (body.endsOn && body.endsOn < current.startsOn)
      throw problemsError([
        { field: 'endsOn', reason: `不能早于项目开始日期 ${current.startsOn} (must not be before startsOn)` },
      ]);
    const updated = await this.projects.update(scope, id, body as Partial<Project>);
    if (!updated) throw notFound(`未找到该项目 (no project ${id})`);
    return presentProject(updated, this.today());
  }

  async addMilestone(scope: Scope, id: string, body: MilestoneBody) {
    const current = await this.get(scope, id);
    const problems = checkMilestoneDates(body, current.startsOn);
    if (problems.length > 0) throw problemsError(problems);
    const updated = await this.projects.addMilestone(scope, id, { milestoneId: randomUUID(), ...body });
    if (!updated) throw notFound(`未找到该项目 (no project ${id})`);
    return presentProject(updated, this.today());
  }

  async completeMilestone(scope: Scope, id: string, milestoneId: string, completedOn: string) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.get(scope, id);
      const m = current.milestones.find((x) => x.milestoneId === milestoneId);
      if (!m) throw notFound(`该项目没有此里程碑 (no milestone ${milestoneId})`);
      const problems = checkMilestoneDates({ dueOn: m.dueOn, completedOn }, current.startsOn).filter(
        (p) => p.field === 'completedOn',
      );
      if (completedOn > this.today())
        problems.push({ field: 'completedOn', reason: '不能晚于今天 (must not be in the future)' });
      if (problems.length > 0) throw problemsError(problems);
      const next = current.milestones.map((x) => (x.milestoneId === milestoneId ? { ...x, completedOn } : x));
      if (await this.projects.replaceMilestones(scope, id, current.milestones, next))
        return presentProject({ ...current, milestones: next }, this.today());
    }
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: '项目正在被他人修改，请重试 (the project changed meanwhile, try again)',
    });
  }
}
