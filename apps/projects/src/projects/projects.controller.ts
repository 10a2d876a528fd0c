import { ProjectsPermissions } from '@lib/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import {
  CompleteMilestoneBody,
  CreateProjectBody,
  ListProjectsQuery,
  MilestoneBody,
  ProjectId,
  UpdateProjectBody,
} from './project.dto';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';
import { presentProject } from './present-project';

@Controller('api/v1/projects')
export class ProjectsController {
  constructor(
    private readonly service: ProjectsService,
    private readonly projects: ProjectsRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...ProjectsPermissions.writeProjects)
  create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Body(new ZodValidationPipe(CreateProjectBody)) body: CreateProjectBody,
  ) {
    return this.service.create(scope, caller, body);
  }

  @Get()
  @Roles(...ProjectsPermissions.readProjects)
  async list(
    @CallerScope() scope: Scope,
    @Query(new ZodValidationPipe(ListProjectsQuery)) q: ListProjectsQuery,
  ) {
    const { page, pageSize, ...filter } = q;
    const result = await this.projects.list(scope, filter, page, pageSize);
    const today = this.service.today();
    return { ...result, items: result.items.map((p) => presentProject(p, today)) };
  }

  @Get(':id')
  @Roles(...ProjectsPermissions.readProjects)
  async get(@CallerScope() scope: Scope, @Param('id', new ZodValidationPipe(ProjectId)) id: string) {
    return presentProject(await this.service.get(scope, id), this.service.today());
  }

  @Patch(':id')
  @Roles(...ProjectsPermissions.writeProjects)
  update(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Body(new ZodValidationPipe(UpdateProjectBody)) body: UpdateProjectBody,
  ) {
    return this.service.update(scope, id, body);
  }

  @Post(':id/milestones')
  @HttpCode(201)
  @Roles(...ProjectsPermissions.writeProjects)
  addMilestone(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Body(new ZodValidationPipe(MilestoneBody)) body: MilestoneBody,
  ) {
    return this.service.addMilestone(scope, id, body);
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
    return this.service.completeMilestone(scope, id, milestoneId, body.completedOn);
  }
}
