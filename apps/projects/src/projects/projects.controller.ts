import { ProjectsPermissions } from '@lib/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { ProjectsClock } from '../clock';
import { ProjectId } from '../dto';
import { presentProject } from './domain/present-project';
import {
  CompleteMilestoneBody,
  CreateProjectBody,
  ListProjectsQuery,
  MilestoneBody,
  UpdateProjectBody,
} from './projects.dto';
import { AddMilestone } from './use-cases/add-milestone.usecase';
import { CompleteMilestone } from './use-cases/complete-milestone.usecase';
import { CreateProject } from './use-cases/create-project.usecase';
import { GetProject } from './use-cases/get-project.usecase';
import { ListProjects } from './use-cases/list-projects.usecase';
import { UpdateProject } from './use-cases/update-project.usecase';

@Controller('api/v1/projects')
export class ProjectsController {
  constructor(
    private readonly createProject: CreateProject,
    private readonly listProjects: ListProjects,
    private readonly getProject: GetProject,
    private readonly updateProject: UpdateProject,
    private readonly addMilestoneTo: AddMilestone,
    private readonly completeMilestone: CompleteMilestone,
    private readonly clock: ProjectsClock,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...ProjectsPermissions.writeProjects)
  create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Body(new ZodValidationPipe(CreateProjectBody)) body: CreateProjectBody,
  ) {
    return this.createProject.execute(scope, caller, body);
  }

  @Get()
  @Roles(...ProjectsPermissions.readProjects)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListProjectsQuery)) q: ListProjectsQuery,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.listProjects.page(scope, filter, page, pageSize);
    const today = this.clock.today();
    return { ...result, items: result.items.map((p) => presentProject(p, today)) };
  }

  @Get(':id')
  @Roles(...ProjectsPermissions.readProjects)
  async get(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(ProjectId)) id: string) {
    return presentProject(await this.getProject.execute(scope, id), this.clock.today());
  }

  @Patch(':id')
  @Roles(...ProjectsPermissions.writeProjects)
  update(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Body(new ZodValidationPipe(UpdateProjectBody)) body: UpdateProjectBody,
  ) {
    return this.updateProject.execute(scope, id, body);
  }

  @Post(':id/milestones')
  @HttpCode(201)
  @Roles(...ProjectsPermissions.writeProjects)
  addMilestone(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Body(new ZodValidationPipe(MilestoneBody)) body: MilestoneBody,
  ) {
    return this.addMilestoneTo.execute(scope, id, body);
  }

  @Post(':id/milestones/:milestoneId/completion')
  @HttpCode(200)
  @Roles(...ProjectsPermissions.writeProjects)
  complete(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Param('milestoneId', new ZodValidationPipe(z.string().uuid('须为里程碑编号（UUID）')))
    milestoneId: string,
    @Body(new ZodValidationPipe(CompleteMilestoneBody)) body: z.infer<typeof CompleteMilestoneBody>,
  ) {
    return this.completeMilestone.execute(scope, id, milestoneId, body.completedOn);
  }
}
