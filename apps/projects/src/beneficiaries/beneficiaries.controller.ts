import { ProjectsPermissions } from '@lib/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { PageQuery, ProjectId } from '../dto';
import { present } from '../problems';
import { GetProject } from '../projects/use-cases/get-project.usecase';
import { LinkBeneficiaryBody } from './beneficiaries.dto';
import { FindLinks } from './use-cases/find-links.usecase';
import { LinkBeneficiary } from './use-cases/link-beneficiary.usecase';

/** 受益户: households linked to a project. */
@Controller('api/v1/projects/:id/beneficiaries')
export class BeneficiariesController {
  constructor(
    private readonly link: LinkBeneficiary,
    private readonly getProject: GetProject,
    private readonly links: FindLinks,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...ProjectsPermissions.writeProjects)
  create(
    @CallerScope() scope: Scope,
    @Caller() caller: Principal,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Body(new ZodValidationPipe(LinkBeneficiaryBody)) body: LinkBeneficiaryBody,
  ) {
    return this.link.execute(scope, caller, id, body);
  }

  @Get()
  @Roles(...ProjectsPermissions.readProjects)
  async list(
    @CallerScope() scope: Scope,
    @Param('id', new ZodValidationPipe(ProjectId)) id: string,
    @Query(new ZodValidationPipe(PageQuery)) q: z.infer<typeof PageQuery>,
  ) {
    await this.getProject.execute(scope, id);
    const result = await this.links.page(scope, id, q.page, q.pageSize);
    return { ...result, items: result.items.map(present) };
  }
}
