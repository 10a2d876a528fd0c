import { ProjectsPermissions } from '@lib/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { Caller, CallerScope, notFound, Principal, Roles, Scope } from '@lib/auth';
import { ZodValidationPipe } from '@lib/service-kit';
import { DistributionsRepository } from '../distributions/distributions.repository';
import { HouseholdDirectory } from '../household-directory/household-directory';
import { ProjectId } from '../projects/project.dto';
import { ProjectsService } from '../projects/projects.service';
import { present } from '../problems';
import { PageQuery } from '../records/records.dto';
import { LinkBeneficiaryBody } from './beneficiary.dto';
import { BeneficiariesRepository } from './beneficiaries.repository';
import { LinkBeneficiary } from './link-beneficiary.usecase';

/** 受益户: households linked to a project. */
@Controller('api/v1/projects/:id/beneficiaries')
export class BeneficiariesController {
  constructor(
    private readonly link: LinkBeneficiary,
    private readonly projects: ProjectsService,
    private readonly beneficiaries: BeneficiariesRepository,
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
    await this.projects.get(scope, id);
    const result = await this.beneficiaries.list(scope, id, q.page, q.pageSize);
    return { ...result, items: result.items.map(present) };
  }
}

/** What a household gets from projects (its links and payments); 404 until projects knows the household. */
@Controller('api/v1/projects/households')
export class HouseholdBenefitsController {
  constructor(
    private readonly directory: HouseholdDirectory,
    private readonly beneficiaries: BeneficiariesRepository,
    private readonly distributions: DistributionsRepository,
  ) {}

  @Get(':householdId')
  @Roles(...ProjectsPermissions.readProjects)
  async get(
    @CallerScope() scope: Scope,
    @Param('householdId', new ZodValidationPipe(z.string().uuid('须为农户编号（UUID）')))
    householdId: string,
  ) {
    const household = await this.directory.findById(scope, householdId);
    if (!household) throw notFound(`产业项目系统尚无该户 (unknown household ${householdId})`);
    const [links, paid] = await Promise.all([
      this.beneficiaries.byHousehold(scope, householdId),
      this.distributions.ofHousehold(scope, householdId),
    ]);
    return {
      household: present(household),
      benefits: links.map(present),
      distributions: paid.map(({ amountFen: _fen, ...d }) => present(d)),
      totalPaid: paid.reduce((s, d) => s + d.amountFen, 0) / 100,
    };
  }
}
